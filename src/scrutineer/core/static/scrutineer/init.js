// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// The people and teams picker: each <select data-module="app-people-picker"> becomes the
// GOV.UK accessible autocomplete (type part of a name), loaded only on pages that have one.
const pickers = document.querySelectorAll('select[data-module="app-people-picker"]:not([multiple])');

function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

function enhance(select) {
  const groups = new Map();
  for (const option of select.options) {
    if (option.value && option.parentElement.tagName === "OPTGROUP" && !groups.has(option.textContent)) {
      groups.set(option.textContent, option.parentElement.label);
    }
  }
  const id = select.id;
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: "",
    showAllValues: true,
    // No typeahead hint: it is an unlabelled input (axe: label).
    autoselect: false,
    tNoResults: () => "No one found",
    templates: {
      inputValue: (name) => name || "",
      suggestion: (name) => {
        const group = groups.get(name);
        return escapeHtml(name) + (group ? ` <span class="scrutineer-picker__group">(${escapeHtml(group.replace(/s$/, "").toLowerCase())})</span>` : "");
      },
    },
    onConfirm: (name) => {
      const input = document.getElementById(id);
      const text = name || (input ? input.value.trim() : "");
      const chosen = [...select.options].find((option) => option.value && option.textContent === text);
      if (chosen) {
        chosen.selected = true;
      } else if (!text) {
        select.value = "";
      }
    },
  });
}

if (pickers.length) {
  const script = document.createElement("script");
  script.src = "/static/scrutineer/accessible-autocomplete.min.js";
  script.addEventListener("load", () => pickers.forEach(enhance));
  document.head.append(script);
}

// "Has scrutiny asked this before?" on the item and recommendation forms: as the officer
// types, the earlier items most like the words so far, fetched from the server half a second
// after the typing stops; a polite live region says how many were found. Without this
// script the form links to the same search on a page of its own.
const askedBefore = document.querySelector('[data-module="app-asked-before"]');

if (askedBefore) {
  const fields = askedBefore.dataset.fields
    .split(" ")
    .map((id) => document.getElementById(id))
    .filter(Boolean);
  const status = askedBefore.querySelector("[data-asked-before-status]");
  const results = askedBefore.querySelector("[data-asked-before-results]");
  const hint = askedBefore.querySelector(".app-asked-before__hint");
  let timer = null;
  let asked = "";
  let latest = null;

  async function look() {
    const text = fields.map((field) => field.value).join(" ").trim();
    if (text === asked) return;
    asked = text;
    if (latest) latest.abort();
    if (text.length < 4) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    latest = new AbortController();
    const query = new URLSearchParams({ text, fragment: "1", exclude: askedBefore.dataset.exclude });
    try {
      const response = await fetch(`${askedBefore.dataset.url}?${query}`, {
        signal: latest.signal,
        headers: { Accept: "text/html" },
      });
      if (!response.ok) return;
      // The server's own template, its every text escaped: parsed, not run.
      const found = new DOMParser().parseFromString(await response.text(), "text/html").body;
      results.replaceChildren(...found.childNodes);
      const count = Number(results.querySelector("[data-count]")?.dataset.count || 0);
      status.textContent = count
        ? `${count} earlier item${count === 1 ? "" : "s"} like this found, listed after the form.`
        : "No earlier item like this found.";
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = "";
    }
  }

  if (fields.length) {
    hint.hidden = false;
    for (const field of fields) {
      field.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(look, 500);
      });
    }
    if (fields.some((field) => field.value.trim())) look();
  }
}
