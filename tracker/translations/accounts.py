# French and Khmer for signing in, keyed by the English text.
FR = {
    "Email": "E-mail",
    "Password": "Mot de passe",
    "Wrong email or password.": "E-mail ou mot de passe incorrect.",
    "Welcome, {name}.": "Bienvenue, {name}.",
    "You are signed out.": "Vous êtes déconnecté.",
}

KM = {
    "Email": "អ៊ីមែល",
    "Password": "ពាក្យសម្ងាត់",
    "Wrong email or password.": "អ៊ីមែល ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។",
    "Welcome, {name}.": "សូមស្វាគមន៍ {name}។",
    "You are signed out.": "អ្នកបានចាកចេញហើយ។",
}
