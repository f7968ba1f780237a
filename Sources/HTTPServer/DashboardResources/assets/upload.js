// CSV uploads of the catalog pages: a form with data-upload-to sends its file as text/csv to that API address
// (with the session's CSRF token) and shows the report the API answers.
const csrf = document.querySelector("main").dataset.csrf;
for (const form of document.querySelectorAll("form[data-upload-to]")) {
  const report = form.querySelector("[data-upload-report]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.querySelector('input[type="file"]').files[0];
    if (!file) return;
    report.textContent = "Uploading…";
    const response = await fetch(form.dataset.uploadTo, {
      method: "POST", headers: { "Content-Type": "text/csv", "X-CSRF-Token": csrf, Accept: "application/json" },
      body: file,
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      report.textContent = body.detail ?? response.statusText;
      report.className = "field-error";
      return;
    }
    report.className = "";
    const problems = (body.problems ?? []).map((problem) => `line ${problem.line}: ${problem.reason}`).join("; ");
    report.textContent = `${body.imported} added, ${body.duplicates} already listed, ${body.rejected} rejected`
      + (problems ? ` (${problems})` : "") + ". Reload to see the list.";
  });
}
