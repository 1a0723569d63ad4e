// Draws the register's map with vega-embed under the strict CSP: the spec comes as JSON from the
// URL in data-spec-url, expressions run through the vega interpreter (no eval), and vega-embed
// adds no <style> element. The table next to the map holds the same facts without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  const holders = document.querySelectorAll("[data-spec-url]");
  if (!holders.length || !window.vegaEmbed || !window.vega || !window.vega.expressionInterpreter) {
    return;
  }
  holders.forEach((holder) => {
    fetch(holder.dataset.specUrl, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`map spec: HTTP ${response.status}`);
        return response.json();
      })
      .then((spec) =>
        window.vegaEmbed(holder, spec, {
          actions: false,
          ast: true,
          expr: window.vega.expressionInterpreter,
          defaultStyle: false,
          renderer: "svg",
          tooltip: { disableDefaultStyle: true },
        }),
      )
      .then(() => {
        holder.dataset.rendered = "true";
        const svg = holder.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", holder.dataset.label || "");
        }
      })
      .catch((error) => {
        holder.dataset.rendered = "error";
        holder.hidden = true;
        console.error(error);
      });
  });
});
