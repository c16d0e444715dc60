"""API schemas every app's router shares: one definition each, so the OpenAPI document has
one `UserRef`, one `Named` and one `RegionOut`."""

from ninja import Schema


class Named(Schema):
    """Anything with a public reference and a name: a programme, an organisation."""

    ref: str
    name: str


class UserRef(Schema):
    """A member of staff as the API shows them: never an id or an email address."""

    username: str
    full_name: str

    @staticmethod
    def resolve_full_name(user) -> str:
        return user.display_name


class RegionOut(Schema):
    id: int
    name: str
