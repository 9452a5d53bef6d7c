/* NDV Assistant: what the page does in the browser that Streamlit has no widget for.
 *
 * Static code: no question, answer or document text is ever written into it; it reads only the hidden
 * #ndv-config element (the question length limit and the documents' anchor prefixes, [A-Za-z0-9-|] only).
 *  1. the question box: a live character counter; past the limit a message, and Enter/send do nothing
 *     (Streamlit's own max_chars would cut a paste silently);
 *  2. "Show in the document": closes the citation card, switches the panel to the paragraph's document if
 *     needed, scrolls the paragraph (with its part's title) into view inside the panel only, highlights it;
 *  3. phone: the document panel is a sheet behind a "Document" button;
 *  4. the conversation follows each new answer: the question and the start of its answer are brought into view.
 */
(() => {
  if (window.ndvPage) {
    return;
  }
  window.ndvPage = true;
  const doc = document;
  const q = (selector, root = doc) => root.querySelector(selector);
  const qa = (selector, root = doc) => Array.from(root.querySelectorAll(selector));
  const config = () => (q("#ndv-config") || { dataset: {} }).dataset;
  const narrow = () => window.matchMedia("(max-width: 640px)").matches;
  const chatBox = () => q('[data-testid="stChatInputTextArea"]');
  // counted as the server counts: NUL characters removed, surrounding whitespace stripped
  const length = (box) => box.value.replace(/\u0000/g, "").trim().length;

  // -- 1. the question box ------------------------------------------------------------------------------------
  function counter() {
    const box = chatBox();
    const holder = box && box.closest('[data-testid="stChatInput"]');
    if (!holder) {
      return false;
    }
    let el = q("#ndv-counter");
    if (!el || el.previousElementSibling !== holder) {
      if (el) {
        el.remove();
      }
      el = doc.createElement("div");
      el.id = "ndv-counter";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      holder.insertAdjacentElement("afterend", el);
    }
    const n = length(box);
    const max = parseInt(config().max || "0", 10);
    const over = max > 0 && n > max;
    const text = over
      ? `${n} / ${max} — 问题太长，不会发送：请缩短到 ${max} 个字符以内。 / ` +
        `Too long to send: shorten the question to ${max} characters or fewer.`
      : `${n} / ${max}`;
    if (el.textContent !== text) {
      el.textContent = text;
    }
    el.classList.toggle("ndv-over", over);
    return over;
  }

  function refuse(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
    const el = q("#ndv-counter");
    if (el) {
      el.classList.remove("ndv-flash");
      void el.offsetWidth; // restart the animation
      el.classList.add("ndv-flash");
    }
  }

  doc.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.target === chatBox() && counter()) {
        refuse(event);
      }
    },
    true,
  );
  doc.addEventListener(
    "click",
    (event) => {
      const send = event.target.closest && event.target.closest('[data-testid="stChatInputSubmitButton"]');
      if (send && counter()) {
        refuse(event);
      }
    },
    true,
  );
  doc.addEventListener("input", (event) => event.target === chatBox() && counter(), true);

  // -- 2. show a paragraph in the document panel --------------------------------------------------------------
  const paragraph = (id) => q(`.st-key-para-${id}`);

  function closeCards() {
    for (const button of qa('[data-testid="stPopover"] button[aria-expanded="true"]')) {
      button.click();
    }
  }

  function switchDocument(id) {
    const prefixes = (config().docs || "").split("|");
    let best = -1;
    prefixes.forEach((prefix, i) => {
      if (prefix && id.startsWith(`${prefix}-`) && (best < 0 || prefix.length > prefixes[best].length)) {
        best = i;
      }
    });
    const options = qa(".st-key-panel_doc button");
    if (best >= 0 && options[best] && options[best].getAttribute("aria-checked") !== "true") {
      options[best].click();
    }
  }

  function clearFilter() {
    // the panel's filter may hide the paragraph: empty it the way typing would (value, input event, Enter)
    const input = q(".st-key-panel_filter input");
    if (input && input.value) {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, "");
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    }
  }

  function reveal(id, tries = 0) {
    const el = paragraph(id);
    if (!el) {
      if (tries % 10 === 0) {
        switchDocument(id);
        clearFilter();
      }
      if (tries < 80) {
        setTimeout(() => reveal(id, tries + 1), 100);
      }
      return;
    }
    setSheet(true);
    for (const other of qa(".ndv-target")) {
      other.classList.remove("ndv-target");
    }
    el.classList.add("ndv-target");
    const scroller = q(".st-key-ndv-doc-scroll");
    if (scroller) {
      const section = el.closest('[class*="st-key-sec-"]');
      const title = section && section.firstElementChild !== el ? section.firstElementChild : null;
      const covered = title ? title.getBoundingClientRect().height : 0;
      const top = el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      scroller.scrollTo({ top: Math.max(0, top - covered - 8), behavior: "instant" });
    }
  }

  doc.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest('a[href^="#"]');
      const id = link ? link.getAttribute("href").slice(1) : "";
      if (!link || !/^[A-Za-z0-9-]+$/.test(id) || !link.closest('[data-testid="stPopoverBody"]')) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      closeCards();
      reveal(id);
    },
    true,
  );

  // -- 3. phone: the document is a sheet ----------------------------------------------------------------------
  function setSheet(open) {
    doc.body.classList.toggle("ndv-doc-open", open && narrow());
    toggleButton();
  }

  function toggleButton() {
    let button = q("#ndv-doc-toggle");
    if (!button) {
      button = doc.createElement("button");
      button.id = "ndv-doc-toggle";
      button.type = "button";
      button.addEventListener("click", () => setSheet(!doc.body.classList.contains("ndv-doc-open")));
      doc.body.appendChild(button);
    }
    const label = doc.body.classList.contains("ndv-doc-open") ? "← 对话 / Chat" : "全文 / Document";
    if (button.textContent !== label) {
      button.textContent = label;
    }
  }

  // -- 4. follow new answers ----------------------------------------------------------------------------------
  // Streamlit keeps its scroller stuck to the bottom while content grows. After a new question, the question's
  // top is held at the top of the view instead, so the start of its answer shows: while the answer is being
  // written, and until Streamlit has let go of the bottom (it does once a scroll lands away from the bottom
  // with nothing growing and its animation stopped). Any scrolling, tap or click by the user ends this at once.
  let seen = -1;
  let askedAt = 0;
  let changedAt = 0;
  let fixedAt = 0;
  let holding = 0;
  const scroller = () => q('[data-testid="stMain"]') || q(".stMain");

  function stopHolding() {
    clearInterval(holding);
    holding = 0;
    delete doc.body.dataset.ndvFollowing;
  }

  function hold() {
    const main = scroller();
    const messages = qa('[data-testid="stChatMessage"]');
    const now = Date.now();
    const last = messages[messages.length - 1];
    const answered = last && q('[data-testid="stFeedbackButton"]', last); // the answer's own buttons are there
    const settled = answered && now - changedAt > 1500 && now - fixedAt > 600;
    if (!main || messages.length < 2 || settled || now - askedAt > 20000) {
      stopHolding();
      return;
    }
    const header = q('[data-testid="stHeader"]');
    const offset = header ? header.getBoundingClientRect().height : 0;
    const asked = messages.filter((m) => q('[data-testid="stChatMessageAvatarUser"]', m));
    const question = asked[asked.length - 1] || messages[messages.length - 2];
    const top = question.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop - offset - 8;
    const target = Math.max(0, Math.min(top, main.scrollHeight - main.clientHeight));
    if (Math.abs(main.scrollTop - target) > 2) {
      // a wheel event stops Streamlit's scroll-to-bottom animation; the scroll that follows lets it go
      main.dispatchEvent(new WheelEvent("wheel", { deltaY: -1, bubbles: true }));
      main.scrollTop = target;
      fixedAt = now;
    }
  }

  function follow() {
    const count = qa('[data-testid="stChatMessage"]').length;
    const now = Date.now();
    if (seen >= 0 && count > seen) {
      askedAt = now;
      setSheet(false);
      if (!holding) {
        holding = setInterval(hold, 30);
        doc.body.dataset.ndvFollowing = "1"; // tests and benchmarks wait for the page to settle
      }
    }
    seen = count;
    if (holding) {
      changedAt = now;
      hold();
    }
  }

  for (const type of ["wheel", "touchstart", "pointerdown", "keydown"]) {
    doc.addEventListener(
      type,
      (event) => {
        if (event.isTrusted && holding && (type !== "keydown" || event.target === doc.body)) {
          stopHolding();
        }
      },
      { capture: true, passive: true },
    );
  }

  // -- wiring -------------------------------------------------------------------------------------------------
  function tick() {
    const app = q(".stApp");
    if (app) {
      doc.body.style.setProperty("--ndv-bg", getComputedStyle(app).backgroundColor);
    }
    counter();
    toggleButton();
    follow();
  }

  let pending = 0;
  new MutationObserver(() => {
    if (!pending) {
      pending = requestAnimationFrame(() => {
        pending = 0;
        tick();
      });
    }
  }).observe(doc.body, { childList: true, subtree: true, characterData: true });
  window.addEventListener("resize", () => setSheet(doc.body.classList.contains("ndv-doc-open")));
  tick();
})();
