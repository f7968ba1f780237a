// The campaign wizard (seed 003): one step at a time, Next enabled only once POST /v1/campaigns/validate accepts
// what this step and the ones before it hold. No rule lives here: the page builds the settings document from the
// inputs (named after its dotted keys) and shows the server's answer next to the field it names.
const form = document.querySelector("[data-wizard]");
const csrf = document.querySelector("main").dataset.csrf;
const steps = [...form.querySelectorAll("fieldset[data-step]")];
const next = form.querySelector("[data-next]");
const back = form.querySelector("[data-back]");
const create = form.querySelector("[data-create]");
const general = form.querySelector('[data-error-for="*"]');
const editing = form.dataset.editing === "true";
let current = 0;
let checking = 0;
let file = null;

const headers = { "Content-Type": "application/json", "X-CSRF-Token": csrf, Accept: "application/json" };

function put(target, path, value) {
  const keys = path.split(".");
  let object = target;
  for (const key of keys.slice(0, -1)) object = object[key] ??= {};
  object[keys.at(-1)] = value;
}

/** The settings document the inputs describe. */
function documentOf() {
  const document = {};
  const lists = new Map();
  for (const input of form.querySelectorAll("[name]")) {
    const kind = input.dataset.kind;
    const name = input.name;
    if (name === "contacts" || name === "csrf" || name === "etag") continue;
    if (kind === "list") {
      if (!lists.has(name)) lists.set(name, []);
      if (input.checked) lists.get(name).push(input.value);
    } else if (kind === "csv") {
      put(document, name, input.value.split(",").map((item) => item.trim()).filter(Boolean));
    } else if (kind === "bool") {
      put(document, name, input.checked);
    } else if (kind === "number") {
      if (input.value.trim() !== "") put(document, name, Number(input.value));
    } else if (kind === "optional") {
      if (input.value.trim() !== "") put(document, name, input.value.trim());
    } else {
      put(document, name, input.value);
    }
  }
  for (const [name, values] of lists) put(document, name, values);
  return document;
}

/** Which step a problem's field belongs to (index), or -1. */
function stepOf(field) {
  const root = field.replace(/\[\d+\]$/, "");
  return steps.findIndex((step) =>
    (step.dataset.fields || "").split(" ").filter(Boolean)
      .some((prefix) => root === prefix || root.startsWith(prefix + ".") || root.startsWith(prefix + "[")));
}

function showErrors(errors, upTo) {
  for (const element of form.querySelectorAll("[data-error-for]")) element.textContent = "";
  // Only the settings' inputs: a typed contact's marks come from its import report.
  for (const input of form.querySelectorAll("[name][aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const error of errors) {
    const index = stepOf(error.field);
    if (index > upTo) continue;
    const root = error.field.replace(/\[\d+\]$/, "");
    const slot = [...steps[Math.max(index, 0)].querySelectorAll("[data-error-for]")]
      .find((element) => element.dataset.errorFor.split(" ").includes(root)) ?? general;
    slot.textContent = `${error.field}: ${error.detail}`;
    for (const input of form.querySelectorAll(`[name="${CSS.escape(root)}"]`)) {
      input.setAttribute("aria-invalid", "true");
    }
  }
}

async function problemsOf(response) {
  if (response.ok) return [];
  try {
    const problem = await response.json();
    return problem.errors?.length ? problem.errors : [{ field: "", detail: problem.detail ?? response.statusText }];
  } catch {
    return [{ field: "", detail: response.statusText }];
  }
}

/** Asks the server about the document; enables Next when nothing up to this step is wrong. */
async function check() {
  const ticket = ++checking;
  next.disabled = true;
  const response = await fetch("/v1/campaigns/validate", {
    method: "POST", headers, body: JSON.stringify(documentOf()),
  });
  const errors = await problemsOf(response);
  if (ticket !== checking) return;
  const blocking = errors.filter((error) => {
    const index = stepOf(error.field);
    return index <= current;
  });
  showErrors(errors, current);
  next.disabled = blocking.length > 0;
  create.disabled = create.dataset.locked === "true" || (current === steps.length - 1 && errors.length > 0);
}

function show(index) {
  current = index;
  steps.forEach((step, position) => { step.hidden = position !== index; });
  for (const pill of document.querySelectorAll("[data-step-pill]")) {
    const position = Number(pill.dataset.stepPill) - 1;
    if (position === index) pill.setAttribute("aria-current", "step"); else pill.removeAttribute("aria-current");
    pill.classList.toggle("done", position < index);
  }
  back.hidden = index === 0;
  next.hidden = index === steps.length - 1;
  create.hidden = index !== steps.length - 1;
  if (index === steps.length - 1) review();
  check();
  steps[index].querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled])")?.focus();
}

function review() {
  const list = form.querySelector("[data-review]");
  list.replaceChildren();
  const add = (label, value) => {
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = value;
    list.append(term, detail);
  };
  const settings = documentOf();
  const agent = form.querySelector('[name="agentId"]');
  add("Name", settings.name ?? "");
  add("Agent", agent?.selectedOptions[0]?.textContent ?? settings.agent?.name ?? "");
  add("Numbers", (settings.numberPool ?? []).join(", ") || "none");
  const typed = manualContacts();
  add("Contacts", file ? file.name : typed.length ? `${typed.length} typed` : "no CSV chosen");
  add("Concurrency", settings.concurrency ?? "default");
  add("Mode", settings.mode);
  add("Window", `${settings.window.start}–${settings.window.end} ${settings.window.timezone}, ${settings.window.days.join(" ")}`);
  add("Max attempts", settings.retry.maxAttempts ?? "default");
  add("Retry delay (minutes)", settings.retry.delayMinutes ?? "default");
  add("Retry on", settings.retry.on.join(", ") || "none");
  add("Callback detection", settings.callbackDetection ? "on" : "off");
  add("Sticky exclusion", settings.stickyExclusion ? "on" : "off");
}

async function submit() {
  create.disabled = true;
  create.textContent = editing ? "Saving…" : "Creating…";
  const body = JSON.stringify(documentOf());
  const response = editing
    ? await fetch(`/v1/campaigns/${form.dataset.id}`, {
      method: "PUT", headers: { ...headers, "If-Match": form.dataset.etag }, body,
    })
    : await fetch("/v1/campaigns", { method: "POST", headers, body });
  if (!response.ok) {
    const errors = await problemsOf(response);
    const first = errors.map((error) => stepOf(error.field)).find((index) => index >= 0);
    if (first !== undefined && first < current) show(first);
    showErrors(errors, steps.length);
    create.disabled = false;
    create.textContent = editing ? "Save campaign" : "Create campaign";
    return;
  }
  const campaign = await response.json();
  const id = campaign.id ?? form.dataset.id;
  const typed = file ? [] : manualContacts();
  if (!file && typed.length === 0) {
    window.location.assign(`/campaigns/${id}?notice=${encodeURIComponent(editing ? "Saved" : "Created as a draft")}`);
    return;
  }
  const upload = file
    ? await fetch(`/v1/campaigns/${id}/contacts${mappingQuery()}`, {
      method: "PUT", headers: { "Content-Type": "text/csv", "X-CSRF-Token": csrf, Accept: "application/json" }, body: file,
    })
    : await fetch(`/v1/campaigns/${id}/contacts`, {
      method: "POST", headers, body: JSON.stringify({ contacts: typed }),
    });
  const report = form.querySelector("[data-report]");
  report.replaceChildren();
  const heading = document.createElement("h3");
  heading.textContent = "Import report";
  report.append(heading);
  if (!upload.ok) {
    const errors = await problemsOf(upload);
    const paragraph = document.createElement("p");
    paragraph.className = "field-error";
    paragraph.textContent = errors.map((error) => `${error.field}: ${error.detail}`).join("; ");
    report.append(paragraph);
    if (!file) markRejected(errors.map((error) => ({ field: error.field, reason: error.detail })), report);
  } else {
    const result = await upload.json();
    const summary = document.createElement("p");
    summary.dataset.importSummary = "";
    summary.textContent = `${result.imported} imported, ${result.rejected} rejected, ${result.duplicates} duplicates, ${result.warnings} warnings (of ${result.read} rows).`;
    report.append(summary);
    if (result.problems?.length) {
      const table = document.createElement("table");
      table.className = "list";
      table.dataset.rejected = "";
      for (const problem of result.problems) {
        const row = table.insertRow();
        for (const value of Object.values(problem)) row.insertCell().textContent = String(value);
      }
      report.append(table);
      if (!file) markRejected(result.problems, report);
    }
    if (result.errorsUrl) {
      const link = document.createElement("a");
      link.href = result.errorsUrl;
      link.textContent = "Download the rejected rows (errors.csv)";
      link.dataset.errorsLink = "";
      report.append(link);
    }
  }
  const open = document.createElement("p");
  open.innerHTML = "";
  const link = document.createElement("a");
  link.href = `/campaigns/${id}`;
  link.className = "button primary";
  link.textContent = "Open the campaign";
  link.dataset.openCampaign = "";
  open.append(link);
  report.append(open);
  create.textContent = editing ? "Saved" : "Created";
}

function preview(chosen) {
  file = chosen;
  form.querySelector("[data-file-name]").textContent = chosen ? `${chosen.name} (${chosen.size} bytes)` : "No file chosen.";
  const box = form.querySelector("[data-preview]");
  const convention = form.querySelector("[data-convention]");
  if (!chosen) { box.hidden = true; convention.hidden = true; drawMapping(); return; }
  detectConvention(chosen.slice(0, 64 * 1024), convention);
  chosen.slice(0, 64 * 1024).text().then((text) => {
    const table = document.createElement("table");
    table.className = "list";
    for (const line of text.split(/\r?\n/).filter(Boolean).slice(0, 6)) {
      const row = table.insertRow();
      for (const cell of line.split(",")) row.insertCell().textContent = cell;
    }
    box.replaceChildren(table);
    box.hidden = false;
    columns = headerOf(text);
    drawMapping();
  });
}

/** Shows the column convention the server's importer detects in the file's start, or its refusal of the header. */
async function detectConvention(start, target) {
  target.hidden = false;
  target.className = "muted";
  target.textContent = "Detecting the column convention…";
  delete target.dataset.conventionError;
  const response = await fetch("/v1/contacts/preview", {
    method: "POST", headers: { "Content-Type": "text/csv", "X-CSRF-Token": csrf, Accept: "application/json" }, body: start,
  });
  if (file === null) return;
  if (!response.ok) {
    const errors = await problemsOf(response);
    target.className = "field-error";
    target.dataset.conventionError = "";
    target.textContent = `This file cannot be imported: ${errors.map((error) => error.detail).join("; ")}`;
    return;
  }
  const found = await response.json();
  target.dataset.convention = found.convention;
  const numbers = found.phoneColumns.map((column) => column.column).join(", ");
  target.textContent = `Detected convention: ${found.conventionLabel} (${found.delimiter}-separated, ${found.encoding}); `
    + `numbers from ${numbers}${found.variables.length ? `; variables ${found.variables.join(", ")}` : ""}.`;
}

// The variable mapping of an uploaded CSV: each variable of the chosen agent against the file's columns, by default
// the column of the same normalised name; sent as the contacts API's `map=Column=VARIABLE` query parameters.
let columns = [];
const mapping = form.querySelector("[data-mapping]");
const mappingBody = form.querySelector("[data-mapping-table] tbody");

/** `Customer name` → `CUSTOMER_NAME`, as the server names variables. */
function normalised(name) {
  return name.toUpperCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("_");
}

function headerOf(text) {
  const line = text.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
  return line.split(",").map((cell) => cell.trim().replace(/^"(.*)"$/, "$1")).filter(Boolean);
}

function drawMapping() {
  if (!mapping) return;
  const variables = agentVariables();
  if (!file || variables.length === 0) { mapping.hidden = true; return; }
  const chosen = new Map([...mappingBody.querySelectorAll("select")].map((select) => [select.dataset.mapVariable, select.value]));
  mappingBody.replaceChildren();
  for (const variable of variables) {
    const row = mappingBody.insertRow();
    row.dataset.mappingRow = variable;
    row.insertCell().textContent = `{{${variable}}}`;
    const select = document.createElement("select");
    select.dataset.mapVariable = variable;
    select.setAttribute("aria-label", `CSV column for ${variable}`);
    select.append(new Option("(no column)", ""));
    for (const column of columns) select.append(new Option(column, column));
    const fallback = columns.find((column) => normalised(column) === variable) ?? "";
    select.value = chosen.has(variable) && (chosen.get(variable) === "" || columns.includes(chosen.get(variable)))
      ? chosen.get(variable) : fallback;
    row.insertCell().append(select);
    const flag = row.insertCell();
    flag.dataset.mappingFlag = "";
    const mark = () => {
      flag.className = select.value ? "muted" : "field-error";
      flag.textContent = select.value
        ? ""
        : variable === "NAME" ? 'no column: NAME falls back to "there"' : "no column: left empty";
    };
    select.addEventListener("change", mark);
    mark();
  }
  mapping.hidden = false;
}

/** `?map=Column=VARIABLE&…` for every variable given a column of another name ("" when none). */
function mappingQuery() {
  if (!mappingBody) return "";
  const pairs = [...mappingBody.querySelectorAll("select")]
    .filter((select) => select.value && normalised(select.value) !== select.dataset.mapVariable)
    .map((select) => `map=${encodeURIComponent(`${select.value}=${select.dataset.mapVariable}`)}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

// Seed 000's manual entry: one row per contact (number, the chosen agent's variables, other numbers), sent as the
// JSON contacts append of POST /v1/campaigns/{id}/contacts once the campaign exists; the server checks each one.
const manual = form.querySelector("[data-manual]");
const manualTable = form.querySelector("[data-manual-table]");
const agentSelect = form.querySelector('[name="agentId"]');

function agentVariables() {
  const option = agentSelect?.selectedOptions[0];
  return (option?.dataset.variables || "").split(" ").filter(Boolean);
}

function cellInput(field, label, value = "") {
  const input = document.createElement("input");
  input.dataset.manualField = field;
  input.setAttribute("aria-label", label);
  input.value = value;
  input.autocomplete = "off";
  return input;
}

/** Draws the table's head and rows for the agent's variables, keeping what was typed. */
function drawManual() {
  if (!manualTable) return;
  const variables = agentVariables();
  const head = manualTable.tHead;
  head.replaceChildren();
  const headRow = head.insertRow();
  for (const title of ["#", "Phone number", ...variables, "Other numbers (each with its own variables)", "Problem", ""]) {
    const cell = document.createElement("th");
    cell.textContent = title;
    headRow.append(cell);
  }
  for (const row of manualTable.tBodies[0].rows) drawRow(row, variables);
}

function drawRow(row, variables) {
  const kept = new Map([...row.querySelectorAll("[data-manual-field]")].map((input) => [input.dataset.manualField, input.value]));
  const keptAlternates = [...row.querySelectorAll("[data-alternate]")].map((entry) =>
    new Map([...entry.querySelectorAll("[data-alt-field]")].map((input) => [input.dataset.altField, input.value])));
  const position = [...manualTable.tBodies[0].rows].indexOf(row) + 1;
  row.replaceChildren();
  row.dataset.manualRow = String(position);
  row.insertCell().textContent = String(position);
  row.insertCell().append(cellInput("phoneNumber", `Contact ${position} phone number`, kept.get("phoneNumber")));
  for (const name of variables) {
    row.insertCell().append(cellInput(`var:${name}`, `Contact ${position} ${name}`, kept.get(`var:${name}`)));
  }
  const others = row.insertCell();
  others.dataset.alternates = "";
  for (const alternate of keptAlternates) others.append(alternateEntry(position, others, variables, alternate));
  const more = document.createElement("button");
  more.type = "button";
  more.dataset.addAlternate = "";
  more.textContent = "Add a number";
  more.addEventListener("click", () => {
    const entry = alternateEntry(position, others, variables, new Map());
    others.insertBefore(entry, more);
    entry.querySelector("input")?.focus();
  });
  others.append(more);
  const problem = row.insertCell();
  problem.className = "field-error";
  problem.dataset.manualProblem = "";
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = "Remove";
  remove.addEventListener("click", () => { row.remove(); drawManual(); });
  row.insertCell().append(remove);
}

/** One other number of a contact, with an input per variable of the agent for calls to that number. */
function alternateEntry(position, cell, variables, kept) {
  const entry = document.createElement("div");
  entry.className = "alternate";
  entry.dataset.alternate = "";
  const input = (field, label, placeholder) => {
    const element = document.createElement("input");
    element.dataset.altField = field;
    element.setAttribute("aria-label", label);
    element.placeholder = placeholder;
    element.value = kept.get(field) ?? "";
    element.autocomplete = "off";
    return element;
  };
  const number = cell.querySelectorAll("[data-alternate]").length + 1;
  entry.append(input("number", `Contact ${position} other number ${number}`, "Number"));
  for (const name of variables) {
    entry.append(input(`var:${name}`, `Contact ${position} other number ${number} ${name}`, name));
  }
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = "×";
  remove.setAttribute("aria-label", `Remove contact ${position}'s other number ${number}`);
  remove.addEventListener("click", () => entry.remove());
  entry.append(remove);
  return entry;
}

function addContactRow() {
  const row = manualTable.tBodies[0].insertRow();
  drawRow(row, agentVariables());
  row.querySelector("input")?.focus();
}

/** The typed contacts in the JSON append's shape (rows without a number are left out). */
function manualContacts() {
  if (!manualTable) return [];
  const contacts = [];
  for (const row of manualTable.tBodies[0].rows) {
    const values = [...row.querySelectorAll("[data-manual-field]")];
    const phoneNumber = values.find((input) => input.dataset.manualField === "phoneNumber")?.value.trim() ?? "";
    if (phoneNumber === "") continue;
    const contact = { phoneNumber };
    const variables = {};
    for (const input of values) {
      if (input.dataset.manualField.startsWith("var:") && input.value.trim() !== "") {
        variables[input.dataset.manualField.slice(4)] = input.value.trim();
      }
    }
    if (Object.keys(variables).length) contact.variables = variables;
    const alternates = [];
    for (const entry of row.querySelectorAll("[data-alternate]")) {
      const fields = [...entry.querySelectorAll("[data-alt-field]")];
      const number = fields.find((input) => input.dataset.altField === "number")?.value.trim() ?? "";
      if (number === "") continue;
      const own = {};
      for (const input of fields) {
        if (input.dataset.altField.startsWith("var:") && input.value.trim() !== "") {
          own[input.dataset.altField.slice(4)] = input.value.trim();
        }
      }
      entry.dataset.sent = String(alternates.length);
      alternates.push(Object.keys(own).length ? { number, variables: own } : number);
    }
    if (alternates.length) contact.alternates = alternates;
    row.dataset.sent = String(contacts.length);
    contacts.push(contact);
  }
  return contacts;
}

/** Names each typed row the server rejected with its reason in the report and on the row (report line N is
 * contacts[N - 2]). */
function markRejected(problems, report) {
  if (!manualTable) return;
  const rows = [...manualTable.tBodies[0].rows];
  const list = document.createElement("ul");
  list.dataset.manualRejections = "";
  for (const problem of problems) {
    let index = null;
    const field = /^contacts\[(\d+)\]/.exec(problem.field ?? "");
    if (field) index = Number(field[1]);
    else if (problem.line !== undefined) index = Number(problem.line) - 2;
    const row = rows.find((candidate) => candidate.dataset.sent === String(index));
    if (!row) continue;
    row.dataset.manualRejected = "";
    const cell = row.querySelector("[data-manual-problem]");
    const reason = problem.reason ?? problem.detail ?? "";
    // Column phone_number_K of the report, or field contacts[N].alternates[K - 2], is the row's other number K - 1.
    const slotOf = /^phone_number_(\d+)$/.exec(problem.column ?? "")?.[1] ?? /\.alternates\[(\d+)\]/.exec(problem.field ?? "")?.[1];
    const alternate = slotOf === undefined ? null
      : (problem.column ? Number(slotOf) - 2 : Number(slotOf));
    const column = alternate !== null ? `other number ${alternate + 1}: ` : problem.column ? `${problem.column}: ` : "";
    if (alternate !== null) {
      const entry = [...row.querySelectorAll("[data-alternate]")].find((candidate) => candidate.dataset.sent === String(alternate));
      entry?.querySelector('[data-alt-field="number"]')?.setAttribute("aria-invalid", "true");
    }
    cell.textContent = cell.textContent ? `${cell.textContent}; ${column}${reason}` : `${column}${reason}`;
    const number = row.querySelector('[data-manual-field="phoneNumber"]')?.value ?? "";
    const item = document.createElement("li");
    item.dataset.manualRejection = row.dataset.manualRow;
    item.textContent = `Contact ${row.dataset.manualRow} (${number}): ${column}${reason}`;
    list.append(item);
  }
  if (list.children.length) report.append(list);
}

if (manual && manualTable) {
  manual.hidden = false;
  form.querySelector("[data-add-contact]").addEventListener("click", addContactRow);
  agentSelect?.addEventListener("change", () => { drawManual(); drawMapping(); });
  drawManual();
  addContactRow();
}

const picker = form.querySelector('input[type="file"][name="contacts"]');
const zone = form.querySelector("[data-dropzone]");
if (picker) picker.addEventListener("change", () => preview(picker.files[0] ?? null));
if (zone) {
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    preview(event.dataTransfer.files[0] ?? null);
  });
}

let timer = null;
form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 250); });
form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(check, 100); });
form.addEventListener("submit", (event) => event.preventDefault());
next.addEventListener("click", () => { if (!next.disabled) show(Math.min(current + 1, steps.length - 1)); });
back.addEventListener("click", () => show(Math.max(current - 1, 0)));
create.addEventListener("click", submit);
form.querySelector("[data-js-buttons]").hidden = false;
document.querySelector("[data-steps]").hidden = false;
form.querySelector("[data-plain-submit]").hidden = true;
show(0);
