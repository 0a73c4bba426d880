"use strict";
(() => {
  const passkeyStep = document.getElementById("passkey-step");
  const codeStep = document.getElementById("code-step");
  const codeField = document.getElementById("access-code");
  let pending = null;

  function backToPassKey(message) {
    pending = null;
    codeField.value = "";
    codeStep.hidden = true;
    passkeyStep.hidden = false;
    keymail.say(message);
  }

  document.getElementById("signin-passkey").addEventListener("click", async () => {
    keymail.say("");
    const started = await keymail.api("/api/v1/unlock/start", {});
    if (!started.ok) {
      keymail.say(started.json.detail || "The server could not start the sign-in.");
      return;
    }
    try {
      const assertion = await keymail.get(started.json.options);
      pending = { requestId: started.json.requestId, assertion };
    } catch (error) {
      backToPassKey(keymail.ceremonyFailure(error));
      return;
    }
    passkeyStep.hidden = true;
    codeStep.hidden = false;
    codeField.focus();
  });

  codeStep.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!pending) {
      backToPassKey("Present your PassKey first.");
      return;
    }
    const finished = await keymail.api("/api/v1/unlock/finish", {
      requestId: pending.requestId,
      assertion: pending.assertion,
      accessCode: codeField.value,
      deliver: "browser-session",
    });
    if (finished.ok) {
      window.location.assign("/mail");
      return;
    }
    // Each try needs the PassKey again: the vault accepts every answer of it only once.
    backToPassKey(failureText(finished.json));
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
