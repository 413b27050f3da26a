/* Choosing a plan shows its year: the dates are cleared and the form is sent, and the
   server fills in the plan's period (without JavaScript, clear the dates and apply). */
(() => {
  const plan = document.querySelector('[data-testid="filters"] select[name="plan"]');
  if (!plan) return;
  plan.addEventListener("change", () => {
    plan.form.querySelectorAll('input[name="start"], input[name="end"]').forEach((input) => { input.value = ""; });
    plan.form.submit();
  });
})();
