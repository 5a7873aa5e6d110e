from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import InputRequired, Length

from tracker.accounts.passwords import MAX_LENGTH as MAX_PASSWORD_LENGTH
from tracker.i18n import gettext as _


class LoginForm(FlaskForm):
    email = EmailField(validators=[InputRequired(), Length(max=254)])
    password = PasswordField(validators=[InputRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    remember = BooleanField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email.label.text = _("Email")
        self.password.label.text = _("Password")
        self.remember.label.text = _("Keep me signed in on this device for 30 days")


class PasswordChangeForm(FlaskForm):
    current = PasswordField(validators=[InputRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    new = PasswordField(validators=[InputRequired()])  # the rules, length included, say why one is refused
    repeated = PasswordField(validators=[InputRequired()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current.label.text = _("Current password")
        self.new.label.text = _("New password")
        self.repeated.label.text = _("New password, again")
