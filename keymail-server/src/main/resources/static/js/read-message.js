// An encrypted message whose keys are locked: ask for the PassKey in the page, then show it.
"use strict";
keymail
  .unlockPrompt("This message is encrypted. Present your PassKey, then enter its access code to read it.")
  .then(() => window.location.reload());
