// keymail's small helpers for the PassKey pages: the API with its CSRF token, WebAuthn JSON and
// the ceremony that opens the keys.
"use strict";
const keymail = (() => {
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]').content;
  const csrfToken = document.querySelector('meta[name="_csrf"]').content;

  async function api(path, body) {
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [csrfHeader]: csrfToken },
      body: JSON.stringify(body ?? {}),
    });
    let json = {};
    try { json = await response.json(); } catch (ignored) { /* an empty answer */ }
    return { ok: response.ok, status: response.status, json };
  }

  // A missing or cancelled PassKey is not an error page: it is a prompt.
  function ceremonyFailure(error) {
    if (error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
      return "Present your PassKey: none answered, or the request was cancelled. Insert or tap it and try again.";
    }
    if (error && error.name === "InvalidStateError") {
      return "This PassKey is registered already. Present another one.";
    }
    return "Present your PassKey: the browser could not talk to it (" + (error && error.name) + ").";
  }

  async function create(options) {
    const credential = await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey),
    });
    return credential.toJSON();
  }

  async function get(options) {
    const credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey),
    });
    return credential.toJSON();
  }

  function say(text) {
    document.getElementById("message").textContent = text;
  }

  // The ceremony that opens the keys, at sign-in and in the webmail's unlock prompt alike: the
  // PassKey first, then the access code. `page` names the page's parts and what happens after:
  // passkeyButton, passkeyStep, codeStep (a form), codeField, say(text), startFailed (words),
  // unlocked(), failureText(problem).
  function unlockCeremony(page) {
    let pending = null;

    function backToPassKey(text) {
      pending = null;
      page.codeField.value = "";
      page.codeStep.hidden = true;
      page.passkeyStep.hidden = false;
      page.say(text);
    }

    page.passkeyButton.onclick = async () => {
      page.say("");
      const started = await api("/api/v1/unlock/start", {});
      if (!started.ok) {
        page.say(started.json.detail || page.startFailed);
        return;
      }
      try {
        const assertion = await get(started.json.options);
        pending = { requestId: started.json.requestId, assertion };
      } catch (error) {
        backToPassKey(ceremonyFailure(error));
        return;
      }
      page.passkeyStep.hidden = true;
      page.codeStep.hidden = false;
      page.codeField.focus();
    };

    page.codeStep.onsubmit = async (event) => {
      event.preventDefault();
      if (!pending) {
        backToPassKey("Present your PassKey first.");
        return;
      }
      const finished = await api("/api/v1/unlock/finish", {
        requestId: pending.requestId,
        assertion: pending.assertion,
        accessCode: page.codeField.value,
        deliver: "browser-session",
      });
      if (finished.ok) {
        page.unlocked();
        return;
      }
      // Each try needs the PassKey again: the vault accepts every answer of it only once. Three
      // wrong codes lock the PassKey for 15 minutes; the answer says until when.
      backToPassKey(page.failureText(finished.json));
    };
  }

  return { api, ceremonyFailure, create, get, say, unlockCeremony };
})();
