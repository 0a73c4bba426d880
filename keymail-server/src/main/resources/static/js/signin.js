"use strict";
(() => {
  keymail.unlockCeremony({
    passkeyButton: document.getElementById("signin-passkey"),
    passkeyStep: document.getElementById("passkey-step"),
    codeStep: document.getElementById("code-step"),
    codeField: document.getElementById("access-code"),
    say: keymail.say,
    startFailed: "The server could not start the sign-in.",
    unlocked: () => window.location.assign("/mail"),
    failureText,
  });

  // The server writes a lock's end in its own time zone; the page shows it in the reader's.
  function failureText(problem) {
    const message = problem.detail || "Sign-in failed.";
    if (problem.error !== "passkey_locked" || !problem.lockedUntil) {
      return message;
    }
    const until = new Date(problem.lockedUntil);
    if (Number.isNaN(until.getTime())) {
      return message;
    }
    const local = new Intl.DateTimeFormat(undefined, {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(until);
    return message.replace(/locked until \d{1,2}:\d{2}/, "locked until " + local);
  }
})();
