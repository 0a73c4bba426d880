// The compose page: address suggestions under To, Cc and Bcc; a size check before an upload; and,
// when the server says the keys locked before signing, the PassKey prompt in the page, after which
// the message is sent with everything typed and attached (the server kept the attachments).
"use strict";
(() => {
  const form = document.getElementById("compose-form");
  const problem = () => document.getElementById("problem");

  function say(text) {
    let box = problem();
    if (!box) {
      box = document.createElement("div");
      box.id = "problem";
      box.className = "message";
      box.setAttribute("role", "alert");
      form.parentNode.insertBefore(box, form);
    }
    box.textContent = text;
  }

  function readable(bytes) {
    if (bytes < 1024 * 1024) return Math.ceil(bytes / 1024) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  // Too much to upload: say so before anything is sent, so nothing typed is lost.
  form.addEventListener("submit", (event) => {
    const max = Number(form.dataset.maxBytes);
    let total = 0;
    for (const file of document.getElementById("attachments").files) total += file.size;
    for (const kept of form.querySelectorAll("#attached li")) total += Number(kept.dataset.size);
    if (max > 0 && total > max) {
      event.preventDefault();
      say("The attachments come to " + readable(total) + ", more than a message may carry ("
        + readable(max) + "). Remove some, or send them in several messages.");
    }
  });

  // Keys locked to open the message answered or forwarded: unlock, then load the page again.
  if (form.dataset.unlockNeeded === "true" && form.dataset.afterUnlock === "reload") {
    keymail.unlockPrompt("The message you answer is encrypted. Present your PassKey and enter its access code to open it.")
      .then(() => window.location.reload());
  }

  // Keys locked: unlock in the page, then send what the form holds.
  if (form.dataset.unlockNeeded === "true" && form.dataset.afterUnlock !== "reload") {
    keymail.unlockPrompt("Your keys locked while you were writing. Present your PassKey and enter its access code; the message is sent right after.")
      .then(() => {
        const action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = "send";
        form.appendChild(action);
        form.submit();
      });
  }

  // Suggestions: the piece after the last comma is looked up in the directory and contacts.
  for (const field of form.querySelectorAll("[data-suggest]")) {
    const list = document.createElement("ul");
    list.className = "suggestions";
    list.id = field.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    field.parentNode.appendChild(list);
    field.setAttribute("aria-controls", list.id);
    let asked = 0;
    let active = -1;

    const current = () => field.value.split(/[,;]/).pop().trim();
    const choose = (suggestion) => {
      const pieces = field.value.split(/[,;]/);
      pieces.pop();
      const named = suggestion.name && suggestion.name !== suggestion.email
        ? suggestion.name + " <" + suggestion.email + ">" : suggestion.email;
      pieces.push(" " + named);
      field.value = pieces.map((p) => p.trim()).filter((p) => p).join(", ") + ", ";
      list.hidden = true;
      field.focus();
    };
    const highlight = (index) => {
      const items = list.querySelectorAll("li");
      items.forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      active = index;
    };

    field.addEventListener("input", async () => {
      const text = current();
      const mine = ++asked;
      if (text.length < 2) {
        list.hidden = true;
        return;
      }
      const response = await fetch("/api/v1/mail/addresses?q=" + encodeURIComponent(text),
        { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (mine !== asked || !response.ok) return;
      const suggestions = await response.json();
      list.replaceChildren();
      for (const suggestion of suggestions) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.dataset.email = suggestion.email;
        const name = document.createElement("span");
        name.textContent = suggestion.name && suggestion.name !== suggestion.email
          ? suggestion.name + " <" + suggestion.email + ">" : suggestion.email;
        const source = document.createElement("span");
        source.className = "source";
        source.textContent = suggestion.source + (suggestion.certificate ? " · certificate" : " · no certificate");
        item.append(name, source);
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(suggestion);
        });
        list.appendChild(item);
      }
      list.hidden = suggestions.length === 0;
      list._suggestions = suggestions;
      highlight(-1);
    });
    field.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      const count = list.querySelectorAll("li").length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % count);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + count) % count);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(list._suggestions[active]);
      } else if (event.key === "Escape") {
        list.hidden = true;
      }
    });
    field.addEventListener("blur", () => { list.hidden = true; });
  }
})();
