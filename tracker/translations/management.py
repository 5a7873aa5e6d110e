# French and Khmer for the management pages (campaigns, organisations, cities) and the admin pages
# (users, exchange rates), keyed by the English text.
FR = {
    # Campaigns
    "New campaign": "Nouvelle campagne",
    "Edit campaign": "Modifier la campagne",
    "Save campaign": "Enregistrer la campagne",
    "No campaign in your regions yet.": "Aucune campagne dans vos régions pour l’instant.",
    "Not public": "Non publique",
    "Organiser": "Organisateur",
    "Kind": "Type",
    "Name": "Nom",
    "Edit": "Modifier",
    "Currency (ISO code)": "Devise (code ISO)",
    "Goal (optional)": "Objectif (facultatif)",
    "Starts on": "Début",
    "Ends on (optional)": "Fin (facultatif)",
    "Description": "Description",
    "Show totals on the public pages": "Afficher les totaux sur les pages publiques",
    "Source of reported figures (optional)": "Source des chiffres annoncés (facultatif)",
    "NGO": "ONG",
    "Share (%)": "Part (%)",
    "No NGO": "Aucune ONG",
    "Choose an organisation": "Choisissez une organisation",
    "Choose a city": "Choisissez une ville",
    "Online fundraiser": "Cagnotte en ligne",
    "Medicine drive": "Collecte de médicaments",
    "Clothing drive": "Collecte de vêtements",
    "Charity event": "Soirée de solidarité",
    "Livestream": "Live",
    "Missing? Add the city first.": "Elle manque ? Ajoutez d’abord la ville.",
    "Add an organisation": "Ajouter une organisation",
    "In the campaign's currency, e.g. 80 000 or 2 500,50.":
        "Dans la devise de la campagne, par ex. 80 000 ou 2 500,50.",
    "Where a cited total comes from, e.g. the organiser's announcement.":
        "D’où vient un total cité, par ex. l’annonce de l’organisateur.",
    "NGOs receiving the funds": "ONG bénéficiaires des fonds",
    "Shares are optional; when given, every NGO needs one and they must total 100 %.":
        "Les parts sont facultatives ; si vous en donnez, chaque ONG en a une et leur total fait 100 %.",
    "Give the campaign a name.": "Donnez un nom à la campagne.",
    "The name is too long: at most {length} characters.": "Le nom est trop long : {length} caractères au plus.",
    "Choose the organisation that runs the campaign.": "Choisissez l’organisation qui mène la campagne.",
    "{name} is not in your regions: choose an organisation you coordinate.":
        "{name} n’est pas dans vos régions : choisissez une organisation que vous coordonnez.",
    "Choose the city where the campaign takes place.": "Choisissez la ville où se déroule la campagne.",
    "{place} is not in your regions.": "{place} n’est pas dans vos régions.",
    "Enter the day the campaign starts.": "Indiquez le jour où la campagne commence.",
    "The campaign cannot end before it starts.": "La campagne ne peut pas finir avant de commencer.",
    "{name} is not an NGO: only NGOs can receive a campaign's funds.":
        "{name} n’est pas une ONG : seules les ONG peuvent recevoir les fonds d’une campagne.",
    "The share for {name} must be a percentage above 0 and at most 100.":
        "La part de {name} doit être un pourcentage supérieur à 0 et d’au plus 100.",
    "Give every NGO a share and make the shares total 100 %, or leave all shares empty.":
        "Donnez une part à chaque ONG et faites en sorte que le total fasse 100 %, ou laissez toutes les parts vides.",
    "Campaign “{name}” created.": "Campagne « {name} » créée.",
    "Campaign “{name}” saved.": "Campagne « {name} » enregistrée.",
    "Not a valid date value.": "Date non valide : utilisez le format AAAA-MM-JJ.",
    # Organisations and cities
    "New organisation": "Nouvelle organisation",
    "Edit organisation": "Modifier l’organisation",
    "Save organisation": "Enregistrer l’organisation",
    "No organisation in your regions yet.": "Aucune organisation dans vos régions pour l’instant.",
    "Home city": "Ville du siège",
    "Works in": "Intervient à",
    "Association": "Association",
    "Religious community": "Communauté religieuse",
    "Business": "Entreprise",
    "Student group": "Association étudiante",
    "Public body": "Organisme public",
    "Provinces where the NGO works": "Provinces où l’ONG intervient",
    "Other provinces (ISO 3166-2 codes, comma-separated)":
        "Autres provinces (codes ISO 3166-2, séparés par des virgules)",
    "For NGOs only: the provinces where they bring help.":
        "Pour les ONG seulement : les provinces où elles apportent leur aide.",
    "Cities in your regions": "Villes de vos régions",
    "No city yet: add the cities where your campaigns take place.":
        "Aucune ville pour l’instant : ajoutez les villes où se déroulent vos campagnes.",
    "Add a city": "Ajouter une ville",
    "Add the city": "Ajouter la ville",
    "Subdivision (ISO 3166-2 code)": "Subdivision (code ISO 3166-2)",
    "City name": "Nom de la ville",
    "The region, state or province code from ISO 3166-2, e.g. FR-IDF, US-CA, KH-22.":
        "Le code ISO 3166-2 de la région, de l’État ou de la province, par ex. FR-IDF, US-CA, KH-22.",
    "Give the organisation a name.": "Donnez un nom à l’organisation.",
    "An organisation called “{name}” already exists.": "Une organisation nommée « {name} » existe déjà.",
    "Choose the organisation's home city.": "Choisissez la ville du siège de l’organisation.",
    "“{code}” is not an ISO 3166-2 subdivision code (for example KH-22 for Oddar Meanchey).":
        "« {code} » n’est pas un code de subdivision ISO 3166-2 (par exemple KH-22 pour Oddar Meanchey).",
    "“{code}” is not an ISO 3166-2 subdivision code (for example FR-IDF or KH-22).":
        "« {code} » n’est pas un code de subdivision ISO 3166-2 (par exemple FR-IDF ou KH-22).",
    "“{code}” is not an ISO 3166-2 subdivision code.": "« {code} » n’est pas un code de subdivision ISO 3166-2.",
    "“{code}” is not an ISO 3166 country code.": "« {code} » n’est pas un code de pays ISO 3166.",
    "Enter the ISO 3166-2 code of the city's subdivision, for example FR-IDF.":
        "Saisissez le code ISO 3166-2 de la subdivision de la ville, par exemple FR-IDF.",
    "Enter the city's name.": "Saisissez le nom de la ville.",
    "You do not coordinate {name} ({code}): you can only add cities in your regions.":
        "Vous ne coordonnez pas {name} ({code}) : vous ne pouvez ajouter des villes que dans vos régions.",
    "Organisation “{name}” created.": "Organisation « {name} » créée.",
    "Organisation “{name}” saved.": "Organisation « {name} » enregistrée.",
    "{city} ({code}) can now be chosen for campaigns and organisations.":
        "{city} ({code}) peut désormais être choisie pour les campagnes et les organisations.",
    # Users
    "New user": "Nouvel utilisateur",
    "Edit user": "Modifier l’utilisateur",
    "Save user": "Enregistrer l’utilisateur",
    "Role": "Rôle",
    "Administrator": "Administrateur",
    "Coordinator": "Coordinateur",
    "Volunteer": "Bénévole",
    "Organisations (volunteers)": "Organisations (bénévoles)",
    "Regions (coordinators)": "Régions (coordinateurs)",
    "Organisations or regions": "Organisations ou régions",
    "Account active": "Compte actif",
    "Inactive": "Inactif",
    "Codes separated by commas: world, a country (FR), a subdivision (FR-IDF) or a city (FR-IDF/paris).":
        "Codes séparés par des virgules : world (partout), un pays (FR), une subdivision (FR-IDF) ou une ville "
        "(FR-IDF/paris).",
    "Leave empty to keep the current password.": "Laissez vide pour garder le mot de passe actuel.",
    "At least {length} characters.": "Au moins {length} caractères.",
    "Enter a valid email address.": "Saisissez une adresse e-mail valide.",
    "An account with the email {email} already exists.": "Un compte avec l’e-mail {email} existe déjà.",
    "The password needs at least {length} characters.": "Le mot de passe doit compter au moins {length} caractères.",
    "You cannot remove your own administrator role or close your own account.":
        "Vous ne pouvez pas retirer votre propre rôle d’administrateur ni fermer votre propre compte.",
    "One of the chosen organisations no longer exists.": "L’une des organisations choisies n’existe plus.",
    "“{code}” is not a region: use world, a country (FR), a subdivision (FR-IDF) or an existing city (FR-IDF/paris).":
        "« {code} » n’est pas une région : utilisez world, un pays (FR), une subdivision (FR-IDF) ou une ville "
        "existante (FR-IDF/paris).",
    "Account created for {email}.": "Compte créé pour {email}.",
    "Account of {email} saved.": "Compte de {email} enregistré.",
    # Exchange rates
    "Exchange rates": "Taux de change",
    "Add a rate": "Ajouter un taux",
    "Save rate": "Enregistrer le taux",
    "Rates entered": "Taux saisis",
    "No rate entered yet.": "Aucun taux saisi pour l’instant.",
    "Day": "Jour",
    "Units per euro": "Unités pour un euro",
    "Source": "Source",
    "ECB reference rates are held up to {day}. `flask rates update` fetches the newest days; add a rate here for a "
    "currency the ECB does not publish (such as KHR) or to correct one.":
        "Les taux de référence de la BCE sont connus jusqu’au {day}. `flask rates update` récupère les jours les plus "
        "récents ; ajoutez ici un taux pour une devise que la BCE ne publie pas (comme le KHR) ou pour en corriger un.",
    "Campaigns whose figures are being converted with the newest rates: {count}. Reload this page to follow the "
    "progress.":
        "Campagnes dont les chiffres sont en cours de conversion aux taux les plus récents : {count}. Rechargez la "
        "page pour suivre l’avancement.",
    "Newest rate per currency": "Taux le plus récent par devise",
    "old: gifts after this day wait for a rate": "ancien : les dons postérieurs attendent un taux",
    "History": "Historique",
    "Rates are never changed or deleted: a correction is a new entry, and the newest entry for a day counts, unless "
    "the ECB published that day.":
        "Les taux ne sont jamais modifiés ni supprimés : une correction est une nouvelle saisie, et la plus récente "
        "d’un jour compte, sauf si la BCE a publié ce jour-là.",
    "Entered": "Saisi",
    "How many units one euro buys, e.g. 4700 for KHR.": "Combien d’unités vaut un euro, par ex. 4700 pour le KHR.",
    "Where the rate comes from, e.g. National Bank of Cambodia, or “illustrative”.":
        "D’où vient le taux, par ex. Banque nationale du Cambodge, ou « illustratif ».",
    "Rates are units per euro: the euro itself needs no rate.":
        "Les taux sont exprimés en unités pour un euro : l’euro lui-même n’a pas besoin de taux.",
    "Enter the day the rate applies to.": "Indiquez le jour auquel le taux s’applique.",
    "{day} is in the future: enter a rate for a day that has begun.":
        "Le {day} est dans le futur : saisissez un taux pour un jour déjà commencé.",
    "Enter how many units of the currency one euro buys.": "Indiquez combien d’unités de la devise vaut un euro.",
    "“{text}” is not a rate: enter a number of units per euro, e.g. 4700 or 1.1702.":
        "« {text} » n’est pas un taux : saisissez un nombre d’unités pour un euro, par ex. 4700 ou 1,1702.",
    "The rate must be more than zero and at most one billion units per euro.":
        "Le taux doit être supérieur à zéro et d’au plus un milliard d’unités pour un euro.",
    "“{text}” is ambiguous: write {whole} for thousands, or {decimal} with a decimal point.":
        "« {text} » est ambigu : écrivez {whole} pour des milliers, ou {decimal} avec un point décimal.",
    "Say where the rate comes from.": "Indiquez d’où vient le taux.",
    "Rate saved: 1 EUR = {rate} {currency} on {day}.": "Taux enregistré : 1 EUR = {rate} {currency} le {day}.",
    "The ECB published its own {currency} rate for that day; conversions keep using the ECB's.":
        "La BCE a publié son propre taux {currency} pour ce jour ; les conversions continuent d’utiliser celui de la BCE.",
}

KM = {
    # Campaigns
    "New campaign": "យុទ្ធនាការថ្មី",
    "Edit campaign": "កែសម្រួលយុទ្ធនាការ",
    "Save campaign": "រក្សាទុកយុទ្ធនាការ",
    "No campaign in your regions yet.": "មិនទាន់មានយុទ្ធនាការនៅក្នុងតំបន់របស់អ្នកនៅឡើយទេ។",
    "Not public": "មិនសាធារណៈ",
    "Organiser": "អ្នករៀបចំ",
    "Kind": "ប្រភេទ",
    "Name": "ឈ្មោះ",
    "Edit": "កែសម្រួល",
    "Currency (ISO code)": "រូបិយប័ណ្ណ (កូដ ISO)",
    "Goal (optional)": "គោលដៅ (ស្រេចចិត្ត)",
    "Starts on": "ចាប់ផ្តើមថ្ងៃ",
    "Ends on (optional)": "បញ្ចប់ថ្ងៃ (ស្រេចចិត្ត)",
    "Description": "ការពិពណ៌នា",
    "Show totals on the public pages": "បង្ហាញចំនួនសរុបនៅលើទំព័រសាធារណៈ",
    "Source of reported figures (optional)": "ប្រភពនៃតួលេខដែលបានរាយការណ៍ (ស្រេចចិត្ត)",
    "NGO": "អង្គការមិនមែនរដ្ឋាភិបាល",
    "Share (%)": "ចំណែក (%)",
    "No NGO": "គ្មានអង្គការ",
    "Choose an organisation": "ជ្រើសរើសអង្គការ",
    "Choose a city": "ជ្រើសរើសទីក្រុង",
    "Online fundraiser": "ការរៃអង្គាសប្រាក់តាមអនឡាញ",
    "Medicine drive": "ការប្រមូលថ្នាំពេទ្យ",
    "Clothing drive": "ការប្រមូលសម្លៀកបំពាក់",
    "Charity event": "កម្មវិធីសប្បុរសធម៌",
    "Livestream": "ការផ្សាយផ្ទាល់",
    "Missing? Add the city first.": "មិនមានទេឬ? សូមបន្ថែមទីក្រុងជាមុនសិន។",
    "Add an organisation": "បន្ថែមអង្គការ",
    "In the campaign's currency, e.g. 80 000 or 2 500,50.":
        "ជារូបិយប័ណ្ណរបស់យុទ្ធនាការ ឧទាហរណ៍ 80 000 ឬ 2 500,50។",
    "Where a cited total comes from, e.g. the organiser's announcement.":
        "ប្រភពនៃចំនួនសរុបដែលបានដកស្រង់ ឧទាហរណ៍ សេចក្តីប្រកាសរបស់អ្នករៀបចំ។",
    "NGOs receiving the funds": "អង្គការដែលទទួលថវិកា",
    "Shares are optional; when given, every NGO needs one and they must total 100 %.":
        "ចំណែកគឺស្រេចចិត្ត។ ប្រសិនបើផ្តល់ឱ្យ អង្គការនីមួយៗត្រូវមានចំណែក ហើយសរុបត្រូវស្មើ 100 %។",
    "Give the campaign a name.": "សូមដាក់ឈ្មោះឱ្យយុទ្ធនាការ។",
    "The name is too long: at most {length} characters.": "ឈ្មោះវែងពេក៖ យ៉ាងច្រើន {length} តួអក្សរ។",
    "Choose the organisation that runs the campaign.": "សូមជ្រើសរើសអង្គការដែលដឹកនាំយុទ្ធនាការ។",
    "{name} is not in your regions: choose an organisation you coordinate.":
        "{name} មិនស្ថិតនៅក្នុងតំបន់របស់អ្នកទេ៖ សូមជ្រើសរើសអង្គការដែលអ្នកសម្របសម្រួល។",
    "Choose the city where the campaign takes place.": "សូមជ្រើសរើសទីក្រុងដែលយុទ្ធនាការប្រព្រឹត្តទៅ។",
    "{place} is not in your regions.": "{place} មិនស្ថិតនៅក្នុងតំបន់របស់អ្នកទេ។",
    "Enter the day the campaign starts.": "សូមបញ្ចូលថ្ងៃដែលយុទ្ធនាការចាប់ផ្តើម។",
    "The campaign cannot end before it starts.": "យុទ្ធនាការមិនអាចបញ្ចប់មុនពេលចាប់ផ្តើមបានទេ។",
    "{name} is not an NGO: only NGOs can receive a campaign's funds.":
        "{name} មិនមែនជាអង្គការមិនមែនរដ្ឋាភិបាលទេ៖ មានតែអង្គការមិនមែនរដ្ឋាភិបាលប៉ុណ្ណោះដែលអាចទទួលថវិកាយុទ្ធនាការ។",
    "The share for {name} must be a percentage above 0 and at most 100.":
        "ចំណែកសម្រាប់ {name} ត្រូវតែជាភាគរយធំជាង 0 និងយ៉ាងច្រើន 100។",
    "Give every NGO a share and make the shares total 100 %, or leave all shares empty.":
        "សូមផ្តល់ចំណែកឱ្យអង្គការនីមួយៗ ហើយធ្វើឱ្យចំណែកសរុបស្មើ 100 % ឬទុកចំណែកទាំងអស់ឱ្យទទេ។",
    "Campaign “{name}” created.": "បានបង្កើតយុទ្ធនាការ “{name}”។",
    "Campaign “{name}” saved.": "បានរក្សាទុកយុទ្ធនាការ “{name}”។",
    "Not a valid date value.": "កាលបរិច្ឆេទមិនត្រឹមត្រូវ៖ សូមប្រើទម្រង់ YYYY-MM-DD។",
    # Organisations and cities
    "New organisation": "អង្គការថ្មី",
    "Edit organisation": "កែសម្រួលអង្គការ",
    "Save organisation": "រក្សាទុកអង្គការ",
    "No organisation in your regions yet.": "មិនទាន់មានអង្គការនៅក្នុងតំបន់របស់អ្នកនៅឡើយទេ។",
    "Home city": "ទីក្រុងទីស្នាក់ការ",
    "Works in": "ធ្វើការនៅ",
    "Association": "សមាគម",
    "Religious community": "សហគមន៍សាសនា",
    "Business": "អាជីវកម្ម",
    "Student group": "ក្រុមនិស្សិត",
    "Public body": "ស្ថាប័នសាធារណៈ",
    "Provinces where the NGO works": "ខេត្តដែលអង្គការធ្វើការ",
    "Other provinces (ISO 3166-2 codes, comma-separated)": "ខេត្តផ្សេងទៀត (កូដ ISO 3166-2 បំបែកដោយក្បៀស)",
    "For NGOs only: the provinces where they bring help.":
        "សម្រាប់អង្គការមិនមែនរដ្ឋាភិបាលតែប៉ុណ្ណោះ៖ ខេត្តដែលពួកគេផ្តល់ជំនួយ។",
    "Cities in your regions": "ទីក្រុងនៅក្នុងតំបន់របស់អ្នក",
    "No city yet: add the cities where your campaigns take place.":
        "មិនទាន់មានទីក្រុងនៅឡើយទេ៖ សូមបន្ថែមទីក្រុងដែលយុទ្ធនាការរបស់អ្នកប្រព្រឹត្តទៅ។",
    "Add a city": "បន្ថែមទីក្រុង",
    "Add the city": "បន្ថែមទីក្រុងនេះ",
    "Subdivision (ISO 3166-2 code)": "តំបន់រង (កូដ ISO 3166-2)",
    "City name": "ឈ្មោះទីក្រុង",
    "The region, state or province code from ISO 3166-2, e.g. FR-IDF, US-CA, KH-22.":
        "កូដតំបន់ រដ្ឋ ឬខេត្តតាម ISO 3166-2 ឧទាហរណ៍ FR-IDF, US-CA, KH-22។",
    "Give the organisation a name.": "សូមដាក់ឈ្មោះឱ្យអង្គការ។",
    "An organisation called “{name}” already exists.": "អង្គការឈ្មោះ “{name}” មានរួចហើយ។",
    "Choose the organisation's home city.": "សូមជ្រើសរើសទីក្រុងទីស្នាក់ការរបស់អង្គការ។",
    "“{code}” is not an ISO 3166-2 subdivision code (for example KH-22 for Oddar Meanchey).":
        "“{code}” មិនមែនជាកូដតំបន់រង ISO 3166-2 ទេ (ឧទាហរណ៍ KH-22 សម្រាប់ឧត្តរមានជ័យ)។",
    "“{code}” is not an ISO 3166-2 subdivision code (for example FR-IDF or KH-22).":
        "“{code}” មិនមែនជាកូដតំបន់រង ISO 3166-2 ទេ (ឧទាហរណ៍ FR-IDF ឬ KH-22)។",
    "“{code}” is not an ISO 3166-2 subdivision code.": "“{code}” មិនមែនជាកូដតំបន់រង ISO 3166-2 ទេ។",
    "“{code}” is not an ISO 3166 country code.": "“{code}” មិនមែនជាកូដប្រទេស ISO 3166 ទេ។",
    "Enter the ISO 3166-2 code of the city's subdivision, for example FR-IDF.":
        "សូមបញ្ចូលកូដ ISO 3166-2 នៃតំបន់រងរបស់ទីក្រុង ឧទាហរណ៍ FR-IDF។",
    "Enter the city's name.": "សូមបញ្ចូលឈ្មោះទីក្រុង។",
    "You do not coordinate {name} ({code}): you can only add cities in your regions.":
        "អ្នកមិនសម្របសម្រួល {name} ({code}) ទេ៖ អ្នកអាចបន្ថែមទីក្រុងបានតែនៅក្នុងតំបន់របស់អ្នកប៉ុណ្ណោះ។",
    "Organisation “{name}” created.": "បានបង្កើតអង្គការ “{name}”។",
    "Organisation “{name}” saved.": "បានរក្សាទុកអង្គការ “{name}”។",
    "{city} ({code}) can now be chosen for campaigns and organisations.":
        "ឥឡូវនេះអាចជ្រើសរើស {city} ({code}) សម្រាប់យុទ្ធនាការ និងអង្គការបានហើយ។",
    # Users
    "New user": "អ្នកប្រើប្រាស់ថ្មី",
    "Edit user": "កែសម្រួលអ្នកប្រើប្រាស់",
    "Save user": "រក្សាទុកអ្នកប្រើប្រាស់",
    "Role": "តួនាទី",
    "Administrator": "អ្នកគ្រប់គ្រង",
    "Coordinator": "អ្នកសម្របសម្រួល",
    "Volunteer": "អ្នកស្ម័គ្រចិត្ត",
    "Organisations (volunteers)": "អង្គការ (អ្នកស្ម័គ្រចិត្ត)",
    "Regions (coordinators)": "តំបន់ (អ្នកសម្របសម្រួល)",
    "Organisations or regions": "អង្គការ ឬតំបន់",
    "Account active": "គណនីសកម្ម",
    "Inactive": "អសកម្ម",
    "Codes separated by commas: world, a country (FR), a subdivision (FR-IDF) or a city (FR-IDF/paris).":
        "កូដបំបែកដោយក្បៀស៖ world (គ្រប់ទីកន្លែង) ប្រទេស (FR) តំបន់រង (FR-IDF) ឬទីក្រុង (FR-IDF/paris)។",
    "Leave empty to keep the current password.": "ទុកឱ្យទទេ ដើម្បីរក្សាពាក្យសម្ងាត់បច្ចុប្បន្ន។",
    "At least {length} characters.": "យ៉ាងហោចណាស់ {length} តួអក្សរ។",
    "Enter a valid email address.": "សូមបញ្ចូលអាសយដ្ឋានអ៊ីមែលដែលត្រឹមត្រូវ។",
    "An account with the email {email} already exists.": "គណនីដែលមានអ៊ីមែល {email} មានរួចហើយ។",
    "The password needs at least {length} characters.": "ពាក្យសម្ងាត់ត្រូវមានយ៉ាងហោចណាស់ {length} តួអក្សរ។",
    "You cannot remove your own administrator role or close your own account.":
        "អ្នកមិនអាចដកតួនាទីអ្នកគ្រប់គ្រងរបស់ខ្លួនឯង ឬបិទគណនីរបស់ខ្លួនឯងបានទេ។",
    "One of the chosen organisations no longer exists.": "អង្គការមួយក្នុងចំណោមអង្គការដែលបានជ្រើសរើសលែងមានទៀតហើយ។",
    "“{code}” is not a region: use world, a country (FR), a subdivision (FR-IDF) or an existing city (FR-IDF/paris).":
        "“{code}” មិនមែនជាតំបន់ទេ៖ សូមប្រើ world ប្រទេស (FR) តំបន់រង (FR-IDF) ឬទីក្រុងដែលមានស្រាប់ (FR-IDF/paris)។",
    "Account created for {email}.": "បានបង្កើតគណនីសម្រាប់ {email}។",
    "Account of {email} saved.": "បានរក្សាទុកគណនីរបស់ {email}។",
    # Exchange rates
    "Exchange rates": "អត្រាប្តូរប្រាក់",
    "Add a rate": "បន្ថែមអត្រា",
    "Save rate": "រក្សាទុកអត្រា",
    "Rates entered": "អត្រាដែលបានបញ្ចូល",
    "No rate entered yet.": "មិនទាន់មានអត្រាដែលបានបញ្ចូលនៅឡើយទេ។",
    "Day": "ថ្ងៃ",
    "Units per euro": "ចំនួនឯកតាក្នុងមួយអឺរ៉ូ",
    "Source": "ប្រភព",
    "ECB reference rates are held up to {day}. `flask rates update` fetches the newest days; add a rate here for a "
    "currency the ECB does not publish (such as KHR) or to correct one.":
        "អត្រាយោងរបស់ ECB មានរហូតដល់ថ្ងៃ {day}។ `flask rates update` ទាញយកថ្ងៃថ្មីៗបំផុត។ សូមបន្ថែមអត្រានៅទីនេះ "
        "សម្រាប់រូបិយប័ណ្ណដែល ECB មិនផ្សព្វផ្សាយ (ដូចជា KHR) ឬដើម្បីកែតម្រូវអត្រាមួយ។",
    "Campaigns whose figures are being converted with the newest rates: {count}. Reload this page to follow the "
    "progress.":
        "យុទ្ធនាការដែលតួលេខកំពុងត្រូវបានប្តូរតាមអត្រាថ្មីបំផុត៖ {count}។ សូមផ្ទុកទំព័រឡើងវិញ ដើម្បីតាមដានវឌ្ឍនភាព។",
    "Newest rate per currency": "អត្រាថ្មីបំផុតតាមរូបិយប័ណ្ណ",
    "old: gifts after this day wait for a rate": "ចាស់៖ អំណោយក្រោយថ្ងៃនេះកំពុងរង់ចាំអត្រា",
    "History": "ប្រវត្តិ",
    "Rates are never changed or deleted: a correction is a new entry, and the newest entry for a day counts, unless "
    "the ECB published that day.":
        "អត្រាមិនដែលត្រូវបានកែប្រែ ឬលុបទេ៖ ការកែតម្រូវគឺជាការបញ្ចូលថ្មី ហើយការបញ្ចូលថ្មីបំផុតនៃថ្ងៃមួយត្រូវបានរាប់ "
        "លុះត្រាតែ ECB មិនបានផ្សព្វផ្សាយថ្ងៃនោះ។",
    "Entered": "បានបញ្ចូល",
    "How many units one euro buys, e.g. 4700 for KHR.": "មួយអឺរ៉ូស្មើនឹងប៉ុន្មានឯកតា ឧទាហរណ៍ 4700 សម្រាប់ KHR។",
    "Where the rate comes from, e.g. National Bank of Cambodia, or “illustrative”.":
        "ប្រភពនៃអត្រា ឧទាហរណ៍ ធនាគារជាតិនៃកម្ពុជា ឬ “illustrative”។",
    "Rates are units per euro: the euro itself needs no rate.":
        "អត្រាគឺជាចំនួនឯកតាក្នុងមួយអឺរ៉ូ៖ អឺរ៉ូខ្លួនឯងមិនត្រូវការអត្រាទេ។",
    "Enter the day the rate applies to.": "សូមបញ្ចូលថ្ងៃដែលអត្រានេះអនុវត្ត។",
    "{day} is in the future: enter a rate for a day that has begun.":
        "ថ្ងៃ {day} ស្ថិតនៅពេលអនាគត៖ សូមបញ្ចូលអត្រាសម្រាប់ថ្ងៃដែលបានចាប់ផ្តើមហើយ។",
    "Enter how many units of the currency one euro buys.": "សូមបញ្ចូលថាមួយអឺរ៉ូស្មើនឹងប៉ុន្មានឯកតានៃរូបិយប័ណ្ណនេះ។",
    "“{text}” is not a rate: enter a number of units per euro, e.g. 4700 or 1.1702.":
        "“{text}” មិនមែនជាអត្រាទេ៖ សូមបញ្ចូលចំនួនឯកតាក្នុងមួយអឺរ៉ូ ឧទាហរណ៍ 4700 ឬ 1.1702។",
    "The rate must be more than zero and at most one billion units per euro.":
        "អត្រាត្រូវតែធំជាងសូន្យ និងយ៉ាងច្រើនមួយពាន់លានឯកតាក្នុងមួយអឺរ៉ូ។",
    "“{text}” is ambiguous: write {whole} for thousands, or {decimal} with a decimal point.":
        "“{text}” មិនច្បាស់លាស់៖ សូមសរសេរ {whole} សម្រាប់ពាន់ ឬ {decimal} ដោយមានចំណុចទសភាគ។",
    "Say where the rate comes from.": "សូមប្រាប់ពីប្រភពនៃអត្រា។",
    "Rate saved: 1 EUR = {rate} {currency} on {day}.": "បានរក្សាទុកអត្រា៖ 1 EUR = {rate} {currency} នៅថ្ងៃ {day}។",
    "The ECB published its own {currency} rate for that day; conversions keep using the ECB's.":
        "ECB បានផ្សព្វផ្សាយអត្រា {currency} ផ្ទាល់ខ្លួនសម្រាប់ថ្ងៃនោះ។ ការប្តូរប្រាក់នៅតែប្រើអត្រារបស់ ECB។",
}
