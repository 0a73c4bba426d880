"use strict";
(() => {
  const codeForm = document.getElementById("code-form");
  const accessCodeForm = document.getElementById("access-code-form");
  let pending = null;

  codeForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    keymail.say("");
    const activationCode = document.getElementById("activation-code").value;
    const started = await keymail.api("/api/v1/activation/start", { activationCode });
    if (!started.ok) {
      keymail.say(started.json.detail || "The server could not start the activation.");
      return;
    }
    try {
      const credential = await keymail.create(started.json.options);
      pending = {
        activationCode,
        requestId: started.json.requestId,
        credential,
        passKeyName: document.getElementById("passkey-name").value,
      };
    } catch (error) {
      keymail.say(keymail.ceremonyFailure(error));
      return;
    }
    codeForm.hidden = true;
    accessCodeForm.hidden = false;
    document.getElementById("access-code").focus();
  });

  accessCodeForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = document.getElementById("access-code").value;
    const again = document.getElementById("access-code-again").value;
    if (code !== again) {
      keymail.say("The two access codes differ. Type the same code twice.");
      return;
    }
    const finished = await keymail.api("/api/v1/activation/finish", { ...pending, accessCode: code });
    if (!finished.ok) {
      keymail.say(finished.json.detail || "The activation failed.");
      return;
    }
    pending = null;
    accessCodeForm.hidden = true;
    document.getElementById("done").hidden = false;
    keymail.say("");
  });
})();
