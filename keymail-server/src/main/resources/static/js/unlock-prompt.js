// Asks for the PassKey and its access code inside a webmail page when the keys have locked, and
// opens them again without leaving the page (nothing typed is lost). Needs webauthn.js.
"use strict";
keymail.unlockPrompt = (why) => new Promise((resolve) => {
  const prompt = document.getElementById("unlock-prompt");
  const passkeyStep = prompt.querySelector(".unlock-passkey-step");
  const codeStep = document.getElementById("unlock-code-step");
  const codeField = document.getElementById("unlock-access-code");
  const message = document.getElementById("unlock-message");

  if (why) {
    prompt.querySelector(".why").textContent = why;
  }
  prompt.hidden = false;
  codeStep.hidden = true;
  passkeyStep.hidden = false;
  message.textContent = "";
  document.getElementById("unlock-passkey").focus();

  keymail.unlockCeremony({
    passkeyButton: document.getElementById("unlock-passkey"),
    passkeyStep,
    codeStep,
    codeField,
    say: (text) => { message.textContent = text; },
    startFailed: "The server could not start the unlock.",
    unlocked: () => {
      codeField.value = "";
      prompt.hidden = true;
      const state = document.getElementById("keys-state");
      if (state) {
        state.textContent = "Keys unlocked";
        state.classList.replace("locked", "open");
      }
      resolve();
    },
    failureText: (problem) => problem.detail || "The keys could not be unlocked.",
  });
});
