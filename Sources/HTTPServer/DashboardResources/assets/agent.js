// The agent form: as the texts are typed, asks the server (POST /agents/preview) for the variables they use and the
// preview for a contact without a name, and shows them. Nothing is parsed here.
const form = document.querySelector("[data-agent-form]");
if (form) {
  let timer = null;
  const refresh = async () => {
    const body = new URLSearchParams(new FormData(form));
    const response = await fetch("/agents/preview", {
      method: "POST", body, headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const figures = await response.json();
    const list = document.querySelector("[data-variables]");
    list.replaceChildren(...figures.variables.map((name) => {
      const code = document.createElement("code");
      code.textContent = name;
      return code;
    }));
    if (!figures.variables.length) list.textContent = "none";
    for (const [key, text] of Object.entries(figures.preview)) {
      const slot = document.querySelector(`[data-preview="${key}"]`);
      if (slot) slot.textContent = text;
    }
  };
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 250); });
}
