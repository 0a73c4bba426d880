// The Dashboard's "Add a spare PassKey": the user's PassKey and access code first when they were not
// presented in the last minutes (the in-page unlock prompt), then the new PassKey, then its access
// code. Needs webauthn.js and unlock-prompt.js.
"use strict";
(() => {
  const form = document.getElementById("spare-form");
  const present = document.getElementById("spare-present");
  const codeForm = document.getElementById("spare-code-form");
  const say = (text) => { document.getElementById("spare-message").textContent = text; };
  let ceremony = null;
  let pending = null;

  function reset() {
    ceremony = null;
    pending = null;
    present.hidden = true;
    codeForm.hidden = true;
    form.hidden = false;
  }

  async function start() {
    return keymail.api("/api/v1/passkeys/spare/start", {});
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    say("");
    let started = await start();
    if (started.status === 401) {
      // A session cookie alone may not add a PassKey: present yours and its code again.
      await keymail.unlockPrompt(
        "To add a PassKey, present one of yours and enter its access code first.");
      started = await start();
    }
    if (!started.ok) {
      say(started.json.detail || "The server could not start adding a PassKey.");
      return;
    }
    ceremony = started.json;
    form.hidden = true;
    present.hidden = false;
    document.getElementById("present-spare").focus();
  });

  document.getElementById("present-spare").addEventListener("click", async () => {
    say("");
    try {
      pending = {
        requestId: ceremony.requestId,
        credential: await keymail.create(ceremony.options),
        passKeyName: document.getElementById("spare-name").value,
      };
    } catch (error) {
      say(keymail.ceremonyFailure(error));
      return;
    }
    present.hidden = true;
    codeForm.hidden = false;
    document.getElementById("spare-access-code").focus();
  });

  codeForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = document.getElementById("spare-access-code").value;
    if (code !== document.getElementById("spare-access-code-again").value) {
      say("The two access codes differ. Type the same code twice.");
      return;
    }
    const finished = await keymail.api("/api/v1/passkeys/spare/finish", { ...pending, accessCode: code });
    document.getElementById("spare-access-code").value = "";
    document.getElementById("spare-access-code-again").value = "";
    if (!finished.ok) {
      reset();
      say((finished.json.detail || "The PassKey was not added.") + " Start again.");
      return;
    }
    window.location.assign("/dashboard?done=added");
  });
})();
