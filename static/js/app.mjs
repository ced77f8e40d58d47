// Progressive enhancement only: every page works without this file.
import { ExitThisPage, createAll, initAll } from "/static/dist/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");

function forgetThisVisit() {
  // Nothing typed stays behind on this device: boxes emptied (the browser may keep form text for Back), and
  // anything our pages put in this browser's storage removed. The server's /exit clears the session too.
  for (const box of document.querySelectorAll("textarea, input[type=text], input[type=email], input[type=tel]")) box.value = "";
  try {
    window.sessionStorage.clear();
    window.localStorage.clear();
  } catch {
    // Storage switched off: nothing was kept there.
  }
}

// GOV.UK's "Exit this page" (the button, or Shift pressed three times), changed in one way: it replaces this page
// in the history instead of adding the exit page after it, so Back from the weather page does not come here.
class ExitLeavingNoTrace extends ExitThisPage {
  exitPage() {
    forgetThisVisit();
    // As GOV.UK's own exitPage: hide the page at once and say it is loading.
    document.body.classList.add("govuk-exit-this-page-hide-content");
    const overlay = document.createElement("div");
    overlay.className = "govuk-exit-this-page-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.appendChild(overlay);
    this.$overlay = overlay; // GOV.UK's resetPage takes it away if the page is ever shown again
    window.location.replace(this.$button.href);
  }
}

// Sent: text kept while typing (static/js/chat.mjs) has done its job and is removed from this tab.
if (document.querySelector("[data-forget-typing]")) {
  try {
    for (const key of Object.keys(window.sessionStorage)) if (key.startsWith("chat-typing:")) window.sessionStorage.removeItem(key);
  } catch {
    // Storage switched off: nothing was kept.
  }
}

createAll(ExitLeavingNoTrace);
initAll({
  onError(error, context) {
    // Ours is already on the exit bar; GOV.UK's own would only find it taken.
    if (context && context.component === ExitThisPage && error.name === "InitError") return;
    console.log(error);
  },
});
