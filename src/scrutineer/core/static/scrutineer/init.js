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
