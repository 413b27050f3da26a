// Card payment: Stripe.js collects the card; our server confirms the PaymentIntent with
// it; 3-D Secure is completed in the browser; the webhook then marks the order paid.
// This page follows the status itself (not with htmx): localstripe's Stripe.js stand-in
// declares a global `Element` class, which breaks libraries that test `instanceof Element`.
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(form.dataset.key);
  var card = stripe.elements().create("card");
  card.mount("#card-element");
  var message = document.getElementById("card-message");
  var button = form.querySelector("button");

  async function paymentMethod() {
    // Stripe.js makes a PaymentMethod; localstripe's stand-in makes a card token instead.
    var made = await stripe.createPaymentMethod({ type: "card", card: card });
    if (made && made.paymentMethod) { return made.paymentMethod.id; }
    if (made && made.error) { throw made.error; }
    var token = await stripe.createToken(card);
    if (token.error) { throw token.error; }
    return token.token.card.id;
  }

  function followStatus(triesLeft) {
    var status = document.getElementById("order-status");
    if (!status || !triesLeft) { return; }
    fetch(form.dataset.status, { headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        status.outerHTML = html;
        var fresh = document.getElementById("order-status");
        if (fresh && fresh.hasAttribute("hx-get")) {
          setTimeout(function () { followStatus(triesLeft - 1); }, 2000);
        }
      })
      .catch(function () { setTimeout(function () { followStatus(triesLeft - 1); }, 4000); });
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    button.disabled = true;
    message.textContent = "";
    try {
      var body = new FormData(form);
      body.append("payment_method", await paymentMethod());
      var response = await fetch(form.dataset.url, { method: "POST", body: body });
      var result = await response.json();
      if (!response.ok) { throw { message: result.error }; }
      if (result.status === "requires_action") {
        var done = await stripe.confirmCardPayment(result.client_secret);
        if (done.error) { throw done.error; }
      }
      message.textContent = form.dataset.wait || "";
      followStatus(30);
    } catch (error) {
      message.textContent = (error && error.message) || String(error);
      button.disabled = false;
    }
  });
})();
