// Asks for the PassKey and its access code inside a webmail page when the keys have locked, and
// opens them again without leaving the page (nothing typed is lost). Needs webauthn.js.
"use strict";
keymail.unlockPrompt = (why) => new Promise((resolve) => {
  const prompt = document.getElementById("unlock-prompt");
  const passkeyStep = prompt.querySelector(".unlock-passkey-step");
  const codeStep = document.getElementById("unlock-code-step");
  const codeField = document.getElementById("unlock-access-code");
  const message = document.getElementById("unlock-message");
  let pending = null;

  if (why) {
    prompt.querySelector(".why").textContent = why;
  }
  prompt.hidden = false;
  codeStep.hidden = true;
  passkeyStep.hidden = false;
  message.textContent = "";
  document.getElementById("unlock-passkey").focus();

  function backToPassKey(text) {
    pending = null;
    codeField.value = "";
    codeStep.hidden = true;
    passkeyStep.hidden = false;
    message.textContent = text;
  }

  document.getElementById("unlock-passkey").onclick = async () => {
    message.textContent = "";
    const started = await keymail.api("/api/v1/unlock/start", {});
    if (!started.ok) {
      message.textContent = started.json.detail || "The server could not start the unlock.";
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
  };

  codeStep.onsubmit = async (event) => {
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
      codeField.value = "";
      prompt.hidden = true;
      const state = document.getElementById("keys-state");
      if (state) {
        state.textContent = "Keys unlocked";
        state.classList.replace("locked", "open");
      }
      resolve();
      return;
    }
    // Each try needs the PassKey again: the vault accepts every answer of it only once. Three
    // wrong codes lock the PassKey for 15 minutes, as at sign-in; the answer says until when.
    backToPassKey(finished.json.detail || "The keys could not be unlocked.");
  };
});
