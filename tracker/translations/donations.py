# French and Khmer for the donations pages, keyed by the English text.
FR: dict[str, str] = {
    # Form labels and choices
    "Campaign": "Campagne",
    "Choose a campaign": "Choisissez une campagne",
    "Kind of gift": "Type de don",
    "Money": "Argent",
    "In kind": "En nature",
    "Amount": "Montant",
    "Currency": "Devise",
    "Campaign's": "Campagne",
    "Date received": "Date de réception",
    "Method": "Moyen",
    "Cash": "Espèces",
    "Bank transfer": "Virement",
    "Card": "Carte",
    "Online platform": "Plateforme en ligne",
    "Cheque": "Chèque",
    "Other": "Autre",
    "Status": "Statut",
    "Pledged": "Promis",
    "Received": "Reçu",
    "Verified": "Vérifié",
    "Void": "Annulé",
    "Void this gift": "Annuler ce don",
    "Item": "Article",
    "Quantity": "Quantité",
    "Unit": "Unité",
    "Donor name": "Nom du donateur",
    "The donor wishes to stay anonymous": "Le donateur souhaite rester anonyme",
    "Donor contact (private)": "Contact du donateur (privé)",
    "Reason for the correction": "Motif de la correction",
    "Why is this entry void?": "Pourquoi cette saisie est-elle annulée ?",
    "e.g. 80 000,00 or 1,058.09 · in kind: estimated value, optional":
        "ex. 80 000,00 ou 1 058,09 · en nature : valeur estimée, facultative",
    "Gift in kind": "Don en nature",
    "What was given, e.g. rice, blankets, medicine": "Ce qui a été donné, ex. riz, couvertures, médicaments",
    "e.g. bags, boxes, kg": "ex. sacs, cartons, kg",
    "Donor (optional)": "Donateur (facultatif)",
    "Phone or email, seen only by your organisation and coordinators.":
        "Téléphone ou e-mail, visible seulement par votre organisation et les coordinateurs.",
    "Save the gift": "Enregistrer le don",
    "There is no active campaign you can log gifts for. Ask your coordinator to add you to an organisation.":
        "Aucune campagne active ne vous permet de saisir des dons. Demandez à votre coordinateur de vous ajouter "
        "à une organisation.",
    # Pages
    "Gift": "Don",
    "Receipt code": "Code de reçu",
    "Give this code to the donor: it lets them check their gift on this site.":
        "Donnez ce code au donateur : il lui permet de vérifier son don sur ce site.",
    "Log another gift": "Saisir un autre don",
    "Estimated value": "Valeur estimée",
    "Not estimated": "Non estimée",
    "anonymous": "anonyme",
    "Logged by": "Saisi par",
    "Verified by": "Vérifié par",
    "Mark as received": "Marquer comme reçu",
    "Verify": "Vérifier",
    "Correct": "Corriger",
    "History": "Historique",
    "Not changed since it was logged.": "Pas modifié depuis sa saisie.",
    "Each line shows the entry as it was before the change.":
        "Chaque ligne montre la saisie telle qu’elle était avant la modification.",
    "When": "Quand",
    "Who": "Qui",
    "Before": "Avant",
    "Reason": "Motif",
    "Correct an entry": "Corriger une saisie",
    "The values before the correction are kept in the entry's history.":
        "Les valeurs d’avant la correction sont conservées dans l’historique de la saisie.",
    "Save the correction": "Enregistrer la correction",
    "Cancel": "Annuler",
    "Void an entry": "Annuler une saisie",
    "A void entry stays in the records but no longer counts in any total.":
        "Une saisie annulée reste dans les registres mais ne compte plus dans aucun total.",
    "Void this entry": "Annuler cette saisie",
    "You have not logged any gift yet.": "Vous n’avez encore saisi aucun don.",
    "Up to your {count} most recent entries are shown.":
        "Vos {count} saisies les plus récentes au plus sont affichées.",
    "Actions": "Actions",
    "See": "Voir",
    # Outcomes
    "Gift recorded. Receipt code: {code}": "Don enregistré. Code de reçu : {code}",
    "No exchange rate for {currency} on {day} yet: the gift counts in {currency} now, and in other currencies as "
    "soon as the rate arrives.":
        "Pas encore de taux de change pour {currency} le {day} : le don compte dès maintenant en {currency}, et dans "
        "les autres devises dès que le taux sera connu.",
    "This gift was already recorded.": "Ce don était déjà enregistré.",
    "The correction is saved; the earlier values are kept in the history.":
        "La correction est enregistrée ; les valeurs précédentes sont conservées dans l’historique.",
    "The entry is void: it no longer counts in any total.":
        "La saisie est annulée : elle ne compte plus dans aucun total.",
    "The entry is verified.": "La saisie est vérifiée.",
    "The entry is marked as received.": "La saisie est marquée comme reçue.",
    # Refusals
    "Choose a campaign.": "Choisissez une campagne.",
    "You cannot log gifts for the campaign “{campaign}”.":
        "Vous ne pouvez pas saisir de dons pour la campagne « {campaign} ».",
    "Enter the day the gift was received or promised.": "Saisissez le jour où le don a été reçu ou promis.",
    "Enter the date as a calendar date (year-month-day).": "Saisissez une date du calendrier (année-mois-jour).",
    "{day} is in the future: enter the day the gift was received or promised.":
        "{day} est dans le futur : saisissez le jour où le don a été reçu ou promis.",
    "{day} is too early: gifts can be recorded from 4 January 1999.":
        "{day} est trop tôt : les dons peuvent être saisis à partir du 4 janvier 1999.",
    "A new gift is either received or pledged.": "Un nouveau don est soit reçu, soit promis.",
    "Choose one of the options offered.": "Choisissez l’une des options proposées.",
    "Say what was given, for example rice or blankets.":
        "Indiquez ce qui a été donné, par exemple du riz ou des couvertures.",
    "Enter a whole quantity from 1 to 1,000,000.": "Saisissez une quantité entière de 1 à 1 000 000.",
    "The donor's name or contact is too long.": "Le nom ou le contact du donateur est trop long.",
    "Give the reason for this change.": "Indiquez le motif de cette modification.",
    "The reason is too long: 500 characters at most.": "Le motif est trop long : 500 caractères au plus.",
    "You cannot change this entry.": "Vous ne pouvez pas modifier cette saisie.",
    "You cannot verify this entry.": "Vous ne pouvez pas vérifier cette saisie.",
}

KM: dict[str, str] = {
    # Form labels and choices
    "Campaign": "យុទ្ធនាការ",
    "Choose a campaign": "ជ្រើសរើសយុទ្ធនាការ",
    "Kind of gift": "ប្រភេទអំណោយ",
    "Money": "ប្រាក់",
    "In kind": "ជាសម្ភារៈ",
    "Amount": "ចំនួនទឹកប្រាក់",
    "Currency": "រូបិយប័ណ្ណ",
    "Campaign's": "តាមយុទ្ធនាការ",
    "Date received": "កាលបរិច្ឆេទទទួល",
    "Method": "វិធីសាស្ត្រ",
    "Cash": "សាច់ប្រាក់",
    "Bank transfer": "ការផ្ទេរតាមធនាគារ",
    "Card": "កាត",
    "Online platform": "វេទិកាអនឡាញ",
    "Cheque": "មូលប្បទានបត្រ",
    "Other": "ផ្សេងទៀត",
    "Status": "ស្ថានភាព",
    "Pledged": "បានសន្យា",
    "Received": "បានទទួល",
    "Verified": "បានផ្ទៀងផ្ទាត់",
    "Void": "ទុកជាមោឃៈ",
    "Void this gift": "លុបចោលអំណោយនេះ",
    "Item": "របស់",
    "Quantity": "បរិមាណ",
    "Unit": "ឯកតា",
    "Donor name": "ឈ្មោះម្ចាស់អំណោយ",
    "The donor wishes to stay anonymous": "ម្ចាស់អំណោយចង់លាក់ឈ្មោះ",
    "Donor contact (private)": "ទំនាក់ទំនងម្ចាស់អំណោយ (ឯកជន)",
    "Reason for the correction": "មូលហេតុនៃការកែតម្រូវ",
    "Why is this entry void?": "ហេតុអ្វីបានជាការកត់ត្រានេះទុកជាមោឃៈ?",
    "e.g. 80 000,00 or 1,058.09 · in kind: estimated value, optional":
        "ឧ. 80 000,00 ឬ 1,058.09 · ជាសម្ភារៈ៖ តម្លៃប៉ាន់ស្មាន (មិនចាំបាច់)",
    "Gift in kind": "អំណោយជាសម្ភារៈ",
    "What was given, e.g. rice, blankets, medicine": "អ្វីដែលបានផ្តល់ ឧ. អង្ករ ភួយ ថ្នាំ",
    "e.g. bags, boxes, kg": "ឧ. បាវ ប្រអប់ គីឡូក្រាម",
    "Donor (optional)": "ម្ចាស់អំណោយ (មិនចាំបាច់)",
    "Phone or email, seen only by your organisation and coordinators.":
        "ទូរស័ព្ទ ឬអ៊ីមែល ដែលមើលឃើញតែដោយអង្គការរបស់អ្នក និងអ្នកសម្របសម្រួលប៉ុណ្ណោះ។",
    "Save the gift": "រក្សាទុកអំណោយ",
    "There is no active campaign you can log gifts for. Ask your coordinator to add you to an organisation.":
        "មិនមានយុទ្ធនាការសកម្មដែលអ្នកអាចកត់ត្រាអំណោយបានទេ។ សូមស្នើអ្នកសម្របសម្រួលរបស់អ្នកឱ្យបញ្ចូលអ្នកទៅក្នុងអង្គការមួយ។",
    # Pages
    "Gift": "អំណោយ",
    "Receipt code": "លេខកូដបង្កាន់ដៃ",
    "Give this code to the donor: it lets them check their gift on this site.":
        "សូមផ្តល់លេខកូដនេះដល់ម្ចាស់អំណោយ៖ វាអនុញ្ញាតឱ្យពួកគេពិនិត្យអំណោយរបស់ពួកគេនៅលើគេហទំព័រនេះ។",
    "Log another gift": "កត់ត្រាអំណោយមួយទៀត",
    "Estimated value": "តម្លៃប៉ាន់ស្មាន",
    "Not estimated": "មិនបានប៉ាន់ស្មាន",
    "anonymous": "អនាមិក",
    "Logged by": "កត់ត្រាដោយ",
    "Verified by": "ផ្ទៀងផ្ទាត់ដោយ",
    "Mark as received": "សម្គាល់ថាបានទទួល",
    "Verify": "ផ្ទៀងផ្ទាត់",
    "Correct": "កែតម្រូវ",
    "History": "ប្រវត្តិ",
    "Not changed since it was logged.": "មិនបានផ្លាស់ប្តូរតាំងពីពេលកត់ត្រា។",
    "Each line shows the entry as it was before the change.":
        "បន្ទាត់នីមួយៗបង្ហាញការកត់ត្រាដូចដែលវាមានមុនការផ្លាស់ប្តូរ។",
    "When": "ពេលណា",
    "Who": "នរណា",
    "Before": "មុន",
    "Reason": "មូលហេតុ",
    "Correct an entry": "កែតម្រូវការកត់ត្រា",
    "The values before the correction are kept in the entry's history.":
        "តម្លៃមុនការកែតម្រូវត្រូវបានរក្សាទុកក្នុងប្រវត្តិនៃការកត់ត្រា។",
    "Save the correction": "រក្សាទុកការកែតម្រូវ",
    "Cancel": "បោះបង់",
    "Void an entry": "ទុកការកត់ត្រាជាមោឃៈ",
    "A void entry stays in the records but no longer counts in any total.":
        "ការកត់ត្រាដែលទុកជាមោឃៈនៅតែមានក្នុងបញ្ជី ប៉ុន្តែលែងរាប់បញ្ចូលក្នុងសរុបណាមួយទៀតហើយ។",
    "Void this entry": "ទុកការកត់ត្រានេះជាមោឃៈ",
    "You have not logged any gift yet.": "អ្នកមិនទាន់បានកត់ត្រាអំណោយណាមួយនៅឡើយទេ។",
    "Up to your {count} most recent entries are shown.": "បង្ហាញការកត់ត្រាថ្មីៗបំផុតរបស់អ្នករហូតដល់ {count}។",
    "Actions": "សកម្មភាព",
    "See": "មើល",
    # Outcomes
    "Gift recorded. Receipt code: {code}": "បានកត់ត្រាអំណោយ។ លេខកូដបង្កាន់ដៃ៖ {code}",
    "No exchange rate for {currency} on {day} yet: the gift counts in {currency} now, and in other currencies as "
    "soon as the rate arrives.":
        "មិនទាន់មានអត្រាប្តូរប្រាក់សម្រាប់ {currency} នៅថ្ងៃ {day} នៅឡើយទេ៖ អំណោយត្រូវបានរាប់ជា {currency} ឥឡូវនេះ "
        "ហើយនឹងរាប់ជារូបិយប័ណ្ណផ្សេងទៀត ភ្លាមៗនៅពេលអត្រាមកដល់។",
    "This gift was already recorded.": "អំណោយនេះត្រូវបានកត់ត្រារួចហើយ។",
    "The correction is saved; the earlier values are kept in the history.":
        "ការកែតម្រូវត្រូវបានរក្សាទុក តម្លៃមុនៗត្រូវបានរក្សាទុកក្នុងប្រវត្តិ។",
    "The entry is void: it no longer counts in any total.":
        "ការកត់ត្រាត្រូវបានទុកជាមោឃៈ៖ វាលែងរាប់បញ្ចូលក្នុងសរុបណាមួយទៀតហើយ។",
    "The entry is verified.": "ការកត់ត្រាត្រូវបានផ្ទៀងផ្ទាត់។",
    "The entry is marked as received.": "ការកត់ត្រាត្រូវបានសម្គាល់ថាបានទទួល។",
    # Refusals
    "Choose a campaign.": "សូមជ្រើសរើសយុទ្ធនាការ។",
    "You cannot log gifts for the campaign “{campaign}”.":
        "អ្នកមិនអាចកត់ត្រាអំណោយសម្រាប់យុទ្ធនាការ “{campaign}” បានទេ។",
    "Enter the day the gift was received or promised.": "សូមបញ្ចូលថ្ងៃដែលអំណោយត្រូវបានទទួល ឬសន្យា។",
    "Enter the date as a calendar date (year-month-day).": "សូមបញ្ចូលកាលបរិច្ឆេទជាថ្ងៃប្រតិទិន (ឆ្នាំ-ខែ-ថ្ងៃ)។",
    "{day} is in the future: enter the day the gift was received or promised.":
        "{day} ស្ថិតនៅពេលអនាគត៖ សូមបញ្ចូលថ្ងៃដែលអំណោយត្រូវបានទទួល ឬសន្យា។",
    "{day} is too early: gifts can be recorded from 4 January 1999.":
        "{day} គឺមុនពេលពេក៖ អំណោយអាចកត់ត្រាបានចាប់ពីថ្ងៃទី 4 ខែមករា ឆ្នាំ 1999។",
    "A new gift is either received or pledged.": "អំណោយថ្មីគឺបានទទួល ឬបានសន្យា។",
    "Choose one of the options offered.": "សូមជ្រើសរើសជម្រើសមួយក្នុងចំណោមជម្រើសដែលមាន។",
    "Say what was given, for example rice or blankets.": "សូមប្រាប់ពីអ្វីដែលបានផ្តល់ ឧទាហរណ៍ អង្ករ ឬភួយ។",
    "Enter a whole quantity from 1 to 1,000,000.": "សូមបញ្ចូលបរិមាណជាចំនួនគត់ពី 1 ដល់ 1,000,000។",
    "The donor's name or contact is too long.": "ឈ្មោះ ឬទំនាក់ទំនងរបស់ម្ចាស់អំណោយវែងពេក។",
    "Give the reason for this change.": "សូមផ្តល់មូលហេតុនៃការផ្លាស់ប្តូរនេះ។",
    "The reason is too long: 500 characters at most.": "មូលហេតុវែងពេក៖ យ៉ាងច្រើន 500 តួអក្សរ។",
    "You cannot change this entry.": "អ្នកមិនអាចផ្លាស់ប្តូរការកត់ត្រានេះបានទេ។",
    "You cannot verify this entry.": "អ្នកមិនអាចផ្ទៀងផ្ទាត់ការកត់ត្រានេះបានទេ។",
}
