// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// The people and teams picker: each <select data-module="app-people-picker"> becomes the
// GOV.UK accessible autocomplete (type part of a name), loaded only on pages that have one.
// A choice of several (<select multiple>) becomes a search box that adds each person chosen
// to a list below it, each with a Remove button; the select stays, hidden, and is what the
// form sends.
const pickers = document.querySelectorAll('select[data-module="app-people-picker"]');

function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

function groupsOf(select) {
  const groups = new Map();
  for (const option of select.options) {
    if (option.value && option.parentElement.tagName === "OPTGROUP" && !groups.has(option.textContent)) {
      groups.set(option.textContent, option.parentElement.label);
    }
  }
  return groups;
}

function suggestionOf(groups) {
  return (name) => {
    const group = groups.get(name);
    return escapeHtml(name) + (group ? ` <span class="scrutineer-picker__group">(${escapeHtml(group.replace(/s$/, "").toLowerCase())})</span>` : "");
  };
}

function enhance(select) {
  if (select.multiple) {
    enhanceMultiple(select);
    return;
  }
  const groups = groupsOf(select);
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
      suggestion: suggestionOf(groups),
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

function enhanceMultiple(select) {
  const groups = groupsOf(select);
  const id = select.id;
  const people = [...select.options].filter((option) => option.value);
  const wrapper = document.createElement("div");
  wrapper.className = "scrutineer-picker-multiple";
  const search = document.createElement("div");
  const chosenHeading = document.createElement("p");
  chosenHeading.className = "govuk-body govuk-!-margin-top-3 govuk-!-margin-bottom-2";
  chosenHeading.id = `${id}-chosen-heading`;
  const chosenList = document.createElement("ul");
  chosenList.className = "govuk-list scrutineer-picker-multiple__chosen";
  chosenList.setAttribute("aria-labelledby", chosenHeading.id);
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("aria-live", "polite");
  wrapper.append(search, chosenHeading, chosenList, status);
  select.after(wrapper);
  select.hidden = true;
  select.id = `${id}-select`;

  // The hint for the plain select ("Hold Ctrl…") says what to do with the search instead.
  const hint = document.getElementById(`${id}-hint`);
  if (hint) {
    hint.textContent = "Type part of a name and choose from the list; add as many as needed.";
  }

  function render() {
    const chosen = people.filter((option) => option.selected);
    chosenHeading.textContent = chosen.length ? `Chosen (${chosen.length}):` : "Nobody chosen yet.";
    chosenList.replaceChildren(
      ...chosen.map((option) => {
        const item = document.createElement("li");
        item.className = "scrutineer-picker-multiple__person";
        const name = document.createElement("span");
        name.textContent = option.textContent;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
        remove.innerHTML = `Remove<span class="govuk-visually-hidden"> ${escapeHtml(option.textContent)}</span>`;
        remove.addEventListener("click", () => {
          option.selected = false;
          render();
          status.textContent = `${option.textContent} removed`;
          document.getElementById(id).focus();
        });
        item.append(name, " ", remove);
        return item;
      }),
    );
  }

  window.accessibleAutocomplete({
    element: search,
    id,
    name: "",
    showAllValues: true,
    autoselect: false,
    confirmOnBlur: false,
    displayMenu: "overlay",
    inputClasses: select.classList.contains("govuk-select--error") ? "govuk-input--error" : null,
    tNoResults: () => "No one found",
    source: (query, populate) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      populate(
        people
          .filter((option) => !option.selected)
          .map((option) => option.textContent)
          .filter((name) => words.every((word) => name.toLowerCase().includes(word))),
      );
    },
    templates: {
      // The box empties once a person is added, ready for the next.
      inputValue: () => "",
      suggestion: suggestionOf(groups),
    },
    onConfirm: (name) => {
      const chosen = people.find((option) => option.textContent === name);
      if (chosen && !chosen.selected) {
        chosen.selected = true;
        render();
        status.textContent = `${name} added`;
      }
    },
  });
  render();
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
