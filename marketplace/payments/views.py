"""The Stripe webhook endpoint: verify the signature, then apply the event once."""

import stripe
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments import stripe_gateway


@csrf_exempt
@require_POST
def stripe_webhook(request):
    signature = request.headers.get("Stripe-Signature", "")
    try:
        event = stripe_gateway.verify_event(request.body, signature)
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid payload or signature")
    try:
        outcome = stripe_gateway.handle_event(event)
    except stripe_gateway.MalformedEvent as error:
        return HttpResponseBadRequest(f"malformed event: {error}")
    return JsonResponse({"outcome": outcome})
