// Makes the conversation page a live chat: answers go to the JSON API and the next question appears in place.
// Progressive enhancement only: without this file the same page works as one form per question.
// Every rule lives on the server (intake/engine.py); this script only shows what the API says.
// Text from people is always set with textContent, never as HTML.

const CHOICE_KINDS = new Set(["choice", "confirm", "yes_no"]);
const INPUT_TYPES = { email: "email", phone: "tel" };
const AUTOCOMPLETE = { email: "email", phone: "tel", name: "name", address: "street-address" };
// The script's own few words, in the page's language: the page gives them (data-words, from the catalogue).
const WORDS = { weSaid: "We said:", youSaid: "You said:", error: "Error:", problem: "There is a problem", yourAnswer: "(your answer)", send: "Send" };

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) node.append(child);
  return node;
}

function helpLine(line) {
  // The same markup as templates/pages/_help_line.html.
  const item = el("li", { class: "council-help-line" }, [el("strong", { class: "council-help-line__name", text: line.name })]);
  if (line.phone) {
    const tel = line.phone.replace(/[^0-9+]/g, "");
    item.append(" ", el("a", { class: "govuk-link council-help-line__phone", href: `tel:${tel}`, text: line.phone }));
  }
  const text = el("span", { class: "council-help-line__text", text: line.text || "" });
  if (line.url) {
    const label = line.url.replace(/^[a-z]+:\/\//, "").replace(/^www\./, "").replace(/\/$/, "");
    text.append(" ", el("a", { class: "govuk-link", href: line.url, rel: "noreferrer noopener", text: label }));
  }
  item.append(text);
  return item;
}

function safetyBubble(safety) {
  // The same words as templates/intake/_safety.html, from content/safety_help.py through the API.
  // role=alert: announced at once; tabindex=-1: it takes the focus, so it is the next thing read.
  return el("div", { class: "chat__bubble chat__safety", role: "alert", tabindex: "-1" }, [
    el("span", { class: "govuk-visually-hidden", text: `${WORDS.weSaid} ` }),
    el("p", { class: "chat__safety-message" }, [el("strong", { text: safety.message })]),
    el("ul", { class: "council-help-lines" }, (safety.help || []).map(helpLine)),
  ]);
}

function messageItem(message) {
  const item = el("li", { class: `chat__message chat__message--${message.from} chat__message--${message.tone}` });
  if (message.tone === "safety" && message.safety) {
    item.append(safetyBubble(message.safety));
  } else {
    const who = `${message.from === "service" ? WORDS.weSaid : WORDS.youSaid} `;
    item.append(el("p", { class: "chat__bubble" }, [el("span", { class: "govuk-visually-hidden", text: who }), message.text]));
  }
  return item;
}

function stickyBarHeight() {
  // GOV.UK's "Exit this page" bar sticks to the top of a phone's screen: the help must sit below it.
  const bar = document.querySelector(".govuk-exit-this-page");
  if (!bar || getComputedStyle(bar).position !== "sticky") return 0;
  return bar.getBoundingClientRect().height;
}

function bringIntoView(node) {
  // The help is the next thing seen and read: scrolled to just below the sticky bar, then focused.
  const top = node.getBoundingClientRect().top + window.scrollY - stickyBarHeight() - 8;
  window.scrollTo({ top: Math.max(0, top), behavior: "instant" });
  node.focus({ preventScroll: true });
}

function errorMessage(text) {
  return el("p", { class: "govuk-error-message", id: "answer-error" }, [
    el("span", { class: "govuk-visually-hidden", text: WORDS.error }),
    ` ${text}`,
  ]);
}

function errorSummary(text, href) {
  // The same markup as govuk-frontend's error summary (templates/intake/chat.html shows it without JavaScript).
  return el("div", { class: "govuk-error-summary", "data-module": "govuk-error-summary" }, [
    el("div", { role: "alert" }, [
      el("h2", { class: "govuk-error-summary__title", text: WORDS.problem }),
      el("div", { class: "govuk-error-summary__body" }, [
        el("ul", { class: "govuk-list govuk-error-summary__list" }, [el("li", {}, [el("a", { href, text })])]),
      ]),
    ]),
  ]);
}

function questionFields(question) {
  const help = question.help ? el("div", { class: "govuk-hint", id: "question-help", text: question.help }) : null;
  if (CHOICE_KINDS.has(question.kind)) {
    const buttons = question.options.map((option, index) => {
      const chosen = option.value === question.value; // changing an answer: show the one chosen before
      const button = el("button", {
        type: "submit",
        name: "answer",
        value: option.value,
        id: `answer-${index + 1}`,
        class: `govuk-button govuk-button--secondary chat__quick-reply${chosen ? " chat__quick-reply--chosen" : ""}`,
        text: option.label,
      });
      if (chosen) button.append(el("span", { class: "govuk-visually-hidden", text: ` ${WORDS.yourAnswer}` }));
      return button;
    });
    // The question is the page's h1, as in templates/intake/_question.html.
    const fieldset = el("fieldset", { class: "govuk-fieldset", "aria-describedby": help ? "question-help" : null }, [
      el("legend", { class: "govuk-fieldset__legend chat__prompt", tabindex: "-1" }, [
        el("h1", { class: "govuk-fieldset__heading chat__heading", text: question.text }),
      ]),
    ]);
    if (help) fieldset.append(help);
    fieldset.append(el("div", { class: "chat__quick-replies" }, buttons));
    return { nodes: [fieldset], focus: fieldset.querySelector("legend") };
  }
  const attrs = {
    class: question.kind === "long_text" ? "govuk-textarea chat__box" : "govuk-input chat__box",
    id: "answer",
    name: "answer",
    "aria-describedby": help ? "question-help" : null,
    autocomplete: AUTOCOMPLETE[question.id] || "off",
  };
  let box;
  if (question.kind === "long_text") {
    box = el("textarea", { ...attrs, rows: "5", spellcheck: "true" });
    box.value = question.value || "";
  } else {
    box = el("input", { ...attrs, type: INPUT_TYPES[question.kind] || "text" });
    box.value = question.value || "";
  }
  const actions = el("div", { class: "chat__actions" }, [
    el("button", { type: "submit", class: "govuk-button chat__send", text: WORDS.send }),
    ...question.options.map((option) =>
      el("button", {
        type: "submit",
        name: "quick",
        value: option.value,
        class: "govuk-button govuk-button--secondary chat__quick-reply",
        text: option.label,
      }),
    ),
  ]);
  const label = el("h1", { class: "govuk-label-wrapper chat__heading" }, [
    el("label", { class: "govuk-label chat__prompt", for: "answer", text: question.text }),
  ]);
  return { nodes: [label, help, box, actions].filter(Boolean), focus: box };
}

// What is typed but not yet sent is kept in this tab's session storage, one entry a question, so a refresh or a
// lost signal does not lose it. Cleared when the answer is taken, on the sent page, and by "Exit this page"
// (static/js/app.mjs clears all of this tab's storage). Session storage ends with the tab: nothing stays on a
// shared phone once the tab is closed.
const TYPING_PREFIX = "chat-typing:";

function typingStore(conversation) {
  const key = (step) => `${TYPING_PREFIX}${conversation}:${step}`;
  const safely = (action) => {
    try {
      return action(window.sessionStorage);
    } catch {
      return null; // storage switched off or full: the chat still works, it just can't keep unsent text
    }
  };
  return {
    keep: (step, text) => safely((store) => (text ? store.setItem(key(step), text) : store.removeItem(key(step)))),
    kept: (step) => safely((store) => store.getItem(key(step))),
    forget: (step) => safely((store) => store.removeItem(key(step))),
  };
}

function keepTyping(form, store) {
  // Put back what was typed before a refresh, then keep each change.
  const box = form.querySelector("#answer");
  const step = form.querySelector('input[name="step"]').value;
  if (!box) return;
  const kept = store.kept(step);
  if (kept && kept !== box.value) box.value = kept;
  box.addEventListener("input", () => store.keep(step, box.value));
}

function enhance(root) {
  const api = `${root.dataset.api}/${root.dataset.conversation}`;
  const token = root.dataset.token;
  const transcript = root.querySelector(".chat__transcript");
  const form = root.querySelector(".chat__question");
  const backForm = root.querySelector(".chat__back");
  const unsafeForm = root.querySelector(".council-unsafe");
  if (!form || !token) return;
  const typing = typingStore(root.dataset.conversation);
  keepTyping(form, typing);
  // Only now that messages arrive without a page load do they need announcing.
  transcript.setAttribute("aria-live", "polite");
  let busy = false;
  const summarySlot = document.querySelector("[data-error-summary]");

  function clearErrorSummary() {
    if (summarySlot) summarySlot.replaceChildren();
    if (document.title.startsWith(`${WORDS.error} `)) document.title = document.title.slice(WORDS.error.length + 1);
  }

  async function call(path, body) {
    const response = await fetch(`${api}${path}`, {
      method: path ? "POST" : "GET",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${token}`,
        Accept: "application/json",
        "Accept-Language": document.documentElement.lang || "en", // the API answers in the page's language
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit", // the token is the authority, never a cookie
    });
    const data = await response.json().catch(() => ({}));
    return { status: response.status, data };
  }

  function showTranscript(messages) {
    const shown = transcript.children.length;
    if (messages.length >= shown) {
      for (const message of messages.slice(shown)) transcript.append(messageItem(message));
    } else {
      transcript.replaceChildren(...messages.map(messageItem));
    }
  }

  function showQuestion(question, { focus: takeFocus = true } = {}) {
    clearErrorSummary();
    // The page's title is the question, as on the page without JavaScript.
    document.title = document.title.replace(/^.*? – /, `${question.text} – `);
    const group = form.querySelector(".govuk-form-group");
    group.classList.remove("govuk-form-group--error");
    const { nodes, focus } = questionFields(question);
    group.replaceChildren(...nodes);
    form.querySelector('input[name="step"]').value = question.id;
    keepTyping(form, typing);
    if (backForm) backForm.hidden = transcript.children.length === 0;
    if (!takeFocus) return; // the help was just shown: it keeps the focus and the screen
    focus.focus({ preventScroll: true });
    form.scrollIntoView({ block: "nearest" });
  }

  function showError(error, typed) {
    const group = form.querySelector(".govuk-form-group");
    group.classList.add("govuk-form-group--error");
    group.querySelector("#answer-error")?.remove();
    const message = errorMessage(error.message);
    const box = group.querySelector("#answer");
    if (summarySlot) summarySlot.replaceChildren(errorSummary(error.message, box ? "#answer" : "#answer-1"));
    if (!document.title.startsWith(`${WORDS.error} `)) document.title = `${WORDS.error} ${document.title}`;
    const anchor = group.querySelector(".govuk-hint") || group.querySelector(".chat__prompt");
    anchor.after(message);
    if (box) {
      box.value = typed;
      box.classList.add(box.tagName === "TEXTAREA" ? "govuk-textarea--error" : "govuk-input--error");
      box.setAttribute("aria-describedby", [box.getAttribute("aria-describedby"), "answer-error"].filter(Boolean).join(" "));
      box.focus();
    } else {
      message.setAttribute("tabindex", "-1");
      message.focus();
    }
  }

  function fallBack(target, submitter) {
    // Anything unexpected (offline, server trouble): send the form the ordinary way instead.
    target.dataset.plain = "true";
    target.requestSubmit(submitter || undefined);
  }

  function afterReply(data, { keepQuestion = false } = {}) {
    showTranscript(data.transcript || []);
    if (!data.question) {
      window.location.assign(root.dataset.chatUrl); // ready: "check your answers" is a page of its own
      return;
    }
    const same = form.querySelector('input[name="step"]').value === data.question.id;
    // "I don't feel safe" leaves them on the same question: keep what they had typed in the box.
    if (!(keepQuestion && same)) showQuestion(data.question, { focus: !data.safety });
    if (data.safety) {
      const bubbles = transcript.querySelectorAll(".chat__safety");
      if (bubbles.length) bringIntoView(bubbles[bubbles.length - 1]);
    }
  }

  root.addEventListener("submit", async (event) => {
    const target = event.target;
    if (target.dataset.plain) return; // falling back: let the browser send it
    if (busy) {
      event.preventDefault(); // one answer at a time: a double tap sends it once
      return;
    }
    const submitter = event.submitter;
    event.preventDefault();
    busy = true;
    root.classList.add("chat__busy");
    root.setAttribute("aria-busy", "true");
    try {
      if (target === backForm) {
        const { status, data } = await call("/back", {});
        if (status === 200) afterReply(data);
        else fallBack(target, submitter);
        return;
      }
      if (target === unsafeForm) {
        const { status, data } = await call("/unsafe", {});
        if (status === 200) afterReply(data, { keepQuestion: true });
        else fallBack(target, submitter);
        return;
      }
      const box = target.querySelector("#answer");
      const typed = box ? box.value : "";
      const answer = submitter && submitter.name && submitter.value ? submitter.value : typed;
      const step = target.querySelector('input[name="step"]').value;
      const { status, data } = await call("/answers", { step, answer });
      if (status === 200) {
        typing.forget(step); // taken: nothing left to keep
        afterReply(data);
      } else if (status === 422 && data.error) showError(data.error, typed);
      else fallBack(target, submitter);
    } catch {
      fallBack(target, submitter);
    } finally {
      busy = false;
      root.classList.remove("chat__busy");
      root.removeAttribute("aria-busy");
    }
  });
}

const root = document.querySelector("[data-chat]");
if (root) {
  Object.assign(WORDS, JSON.parse(root.dataset.words || "{}"));
  enhance(root);
}
