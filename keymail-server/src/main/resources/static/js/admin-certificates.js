// Administrators' certificate pages: approve or deny pending requests, revoke a certificate.
"use strict";
(() => {
  function outcome(text) {
    document.getElementById("outcome").textContent = text;
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function button(text, className, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  const table = document.getElementById("pending");
  if (table) {
    const body = table.querySelector("tbody");
    const show = async () => {
      const response = await fetch("/api/v1/admin/certificate-requests?status=PENDING", {
        credentials: "same-origin", headers: { Accept: "application/json" },
      });
      let json = null;
      try { json = await response.json(); } catch (ignored) { /* an empty answer */ }
      if (!response.ok) {
        keymail.say((json && json.detail) || "The requests could not be loaded.");
        return;
      }
      body.replaceChildren();
      document.getElementById("none").hidden = json.length > 0;
      for (const r of json) {
        const row = document.createElement("tr");
        row.dataset.id = r.id;
        cell(row, r.id);
        cell(row, r.requester);
        cell(row, r.template);
        cell(row, new Date(r.submittedAt).toLocaleString());
        const actions = cell(row, "");
        const reason = document.createElement("input");
        reason.type = "text";
        reason.className = "deny-reason";
        reason.placeholder = "Reason for a denial";
        reason.maxLength = 1000;
        actions.appendChild(button("Approve", "approve", async () => {
          keymail.say("");
          const done = await keymail.api("/api/v1/admin/certificate-requests/" + r.id + "/approve", {});
          if (!done.ok) {
            keymail.say(done.json.detail || "The request could not be approved.");
            return;
          }
          outcome("Approved request " + r.id + ": issued serial " + done.json.serial + ".");
          show();
        }));
        actions.appendChild(button("Deny", "deny", async () => {
          keymail.say("");
          if (!reason.value.trim()) {
            keymail.say("Give a reason for the denial; the requester sees it.");
            return;
          }
          const done = await keymail.api("/api/v1/admin/certificate-requests/" + r.id + "/deny",
            { reason: reason.value });
          if (!done.ok) {
            keymail.say(done.json.detail || "The request could not be denied.");
            return;
          }
          outcome("Denied request " + r.id + ".");
          show();
        }));
        actions.appendChild(reason);
        body.appendChild(row);
      }
    };
    show();
  }

  const revoke = document.getElementById("revoke-form");
  if (revoke) {
    revoke.addEventListener("submit", async (event) => {
      event.preventDefault();
      keymail.say("");
      outcome("");
      const serial = document.getElementById("serial").value.trim().replaceAll(":", "").toLowerCase();
      const reason = document.getElementById("reason").value;
      const done = await keymail.api("/api/v1/admin/certificates/" + encodeURIComponent(serial) + "/revoke",
        { reason });
      if (!done.ok) {
        keymail.say(done.json.detail || "The certificate could not be revoked.");
        return;
      }
      outcome("Revoked " + done.json.serial + " (" + done.json.reason + ") at " + done.json.revokedAt + ".");
    });
  }
})();
