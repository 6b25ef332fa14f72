from django import forms

from scrutineer.core.forms import GovukMessages


class SubscribeForm(GovukMessages, forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address like name@example.com",
        },
    )
