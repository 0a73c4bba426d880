// "Request a certificate" and "View the status of a pending certificate request": plain pages over
// /api/v1 in the browser's unlock session. Text goes in with textContent only.
"use strict";
(() => {
  async function load(path) {
    const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
    let json = null;
    try { json = await response.json(); } catch (ignored) { /* an empty answer */ }
    return { ok: response.ok, status: response.status, json };
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function outcome(text) {
    document.getElementById("outcome").textContent = text;
  }

  // Request a certificate: pick a template, submit, see issued-and-installed or pending.
  const form = document.getElementById("request-form");
  if (form) {
    const select = document.getElementById("template");
    const note = document.getElementById("template-note");
    const keyType = document.getElementById("key-type");
    let templates = [];
    // Every key type the template allows is offered, in the API's spelling (rsa-2048, ec-p256);
    // the first is the template's default.
    const describe = () => {
      const t = templates.find((x) => x.name === select.value);
      note.textContent = t
        ? (t.approval === "AUTOMATIC" ? "Issued at once. " : "An administrator approves it. ")
          + "Valid for " + t.validityDays + " days."
        : "";
      keyType.replaceChildren();
      for (const type of (t ? t.keyTypes : [])) {
        const option = document.createElement("option");
        option.value = type;
        option.textContent = type;
        keyType.appendChild(option);
      }
    };
    load("/api/v1/templates").then((answer) => {
      if (!answer.ok) {
        keymail.say((answer.json && answer.json.detail) || "The templates could not be loaded.");
        return;
      }
      templates = answer.json;
      for (const t of templates) {
        const option = document.createElement("option");
        option.value = t.name;
        option.textContent = t.displayName;
        select.appendChild(option);
      }
      describe();
    });
    select.addEventListener("change", describe);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      keymail.say("");
      outcome("Making your key and request…");
      const answer = await keymail.api("/api/v1/certificate-requests", { template: select.value, keyType: keyType.value });
      if (!answer.ok) {
        outcome("");
        keymail.say(answer.json.detail || "The request failed.");
        return;
      }
      if (answer.json.status === "ISSUED") {
        outcome("Your certificate was issued and installed (serial " + answer.json.serial + ").");
      } else if (answer.json.status === "PENDING") {
        outcome("Pending: request " + answer.json.id);
      } else {
        outcome("Denied: " + (answer.json.reason || "no reason given"));
      }
    });
  }

  // View the status of a pending certificate request, and install issued certificates.
  const table = document.getElementById("requests");
  if (table) {
    const body = table.querySelector("tbody");
    const show = async () => {
      const answer = await load("/api/v1/certificate-requests");
      if (!answer.ok) {
        keymail.say((answer.json && answer.json.detail) || "Your requests could not be loaded.");
        return;
      }
      body.replaceChildren();
      document.getElementById("none").hidden = answer.json.length > 0;
      for (const r of answer.json) {
        const row = document.createElement("tr");
        row.dataset.id = r.id;
        cell(row, r.id);
        cell(row, r.template);
        cell(row, new Date(r.submittedAt).toLocaleString());
        const status = cell(row, r.status);
        status.className = "status";
        if (r.status === "DENIED" && r.reason) {
          status.textContent = "DENIED: " + r.reason;
        }
        if (r.status === "ISSUED" && r.installed) {
          status.textContent = "ISSUED, installed (serial " + r.serial + ")";
        }
        if (r.revokedAt) {
          // A revoked certificate is shown as such, and never offered for installation.
          status.textContent = "REVOKED on " + new Date(r.revokedAt).toLocaleString() +
            " (" + (r.revocationReason || "unspecified") + "), serial " + r.serial;
          status.classList.add("revoked");
        }
        const action = cell(row, "");
        if (r.status === "ISSUED" && !r.installed && !r.revokedAt) {
          const install = document.createElement("button");
          install.type = "button";
          install.className = "install";
          install.textContent = "Install this certificate";
          install.addEventListener("click", async () => {
            keymail.say("");
            const done = await keymail.api("/api/v1/certificate-requests/" + r.id + "/install", {});
            if (!done.ok) {
              keymail.say(done.json.detail || "The certificate could not be installed.");
              return;
            }
            outcome("Installed the certificate with serial " + done.json.serial + ".");
            show();
          });
          action.appendChild(install);
        }
        body.appendChild(row);
      }
    };
    show();
  }
})();
