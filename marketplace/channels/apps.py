from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "marketplace.channels"
    label = "channels"
    verbose_name = _("Channels and listings")

    def ready(self):
        from catalog.search.facts import provide_listing_facts
        from marketplace.channels.search_facts import listing_facts

        provide_listing_facts(listing_facts)
