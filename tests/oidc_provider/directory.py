"""Who the test identity provider knows, and alke's client registration there."""

CLIENT_ID = "alke-test-client"
CLIENT_SECRET = "alke-test-secret-not-for-production"
PASSWORD = "tunnistus-salasana-1"
# user name, first name, last name, directory groups
USERS = [
    ("virkailija", "Outi", "Opetusvirkamies", ["ALKE-OKM"]),
    ("siirtyva", "Sirpa", "Siirtyvä", ["ALKE-OKM"]),  # moves to TEM in a test
    ("uusi", "Uuno", "Uusikäyttäjä", []),
    ("vanhentunut", "Veli", "Vanhentunut", ["ALKE-OKM"]),
    ("vaarennettu", "Ville", "Väärentäjä", []),
]
