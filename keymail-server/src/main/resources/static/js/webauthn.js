// keymail's small helpers for the PassKey pages: the API with its CSRF token, and WebAuthn JSON.
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

  return { api, ceremonyFailure, create, get, say };
})();
