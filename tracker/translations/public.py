# French and Khmer for the public pages, keyed by the English text.
FR: dict[str, str] = {
    "Solidarity with the border provinces": "Solidarité avec les provinces frontalières",
    "What Cambodian diaspora associations have raised for the people displaced by the July 2025 border crisis.":
        "Ce que les associations de la diaspora cambodgienne ont collecté pour les personnes déplacées par la crise "
        "frontalière de juillet 2025.",
    "Total everywhere": "Total partout",
    "Raised everywhere": "Collecté partout",
    "Gifts received in public campaigns: {count}": "Dons reçus dans les campagnes publiques : {count}",
    "Active campaigns": "Campagnes en cours",
    "No active campaign at the moment.": "Aucune campagne en cours pour le moment.",
    "By country": "Par pays",
    "All regions and cities": "Toutes les régions et villes",
    "Everywhere, day by day": "Partout, jour par jour",
    "Check that your gift was recorded": "Vérifiez que votre don a été enregistré",
    "to {day}": "au {day}",
    "{amount} in the campaign's currency": "{amount} dans la devise de la campagne",
    "Reported figure, source: {source}": "Chiffre rapporté, source : {source}",
    "Where the funds go": "À qui vont les fonds",
    "{share} intended": "{share} prévus",
    "All campaigns in {place}": "Toutes les campagnes à {place}",
    "Type the code from your receipt to see that your gift was recorded. Only the campaign, the amount, the date "
    "and the status are shown.":
        "Saisissez le code de votre reçu pour vérifier que votre don a été enregistré. Seuls la campagne, le "
        "montant, la date et le statut sont affichés.",
    "For example ABCD-EFGH-JKMN-PQRS. Capitals, spaces and dashes do not matter.":
        "Par exemple ABCD-EFGH-JKMN-PQRS. Majuscules, espaces et tirets n’ont pas d’importance.",
    "Check": "Vérifier",
    "Your gift is recorded": "Votre don est enregistré",
    "estimated at {value}": "estimé à {value}",
    "Date": "Date",
    "No gift with this code": "Aucun don avec ce code",
    "Check the code on your receipt and try again, or ask the association that received your gift.":
        "Vérifiez le code de votre reçu et réessayez, ou demandez à l’association qui a reçu votre don.",
    "No public campaign in this region yet.": "Aucune campagne publique dans cette région pour l’instant.",
    "Regions": "Régions",
    "Gifts received in public campaigns, by place.": "Dons reçus dans les campagnes publiques, par lieu.",
    "Receipt code": "Code du reçu",
    "Enter the code printed on your receipt, for example ABCD-EFGH-JKMN-PQRS.":
        "Saisissez le code imprimé sur votre reçu, par exemple ABCD-EFGH-JKMN-PQRS.",
}

KM: dict[str, str] = {
    "Solidarity with the border provinces": "សាមគ្គីភាពជាមួយខេត្តជាប់ព្រំដែន",
    "What Cambodian diaspora associations have raised for the people displaced by the July 2025 border crisis.":
        "អ្វីដែលសមាគមខ្មែរនៅក្រៅប្រទេសបានប្រមូល សម្រាប់ប្រជាជនដែលបានភៀសខ្លួនដោយសារវិបត្តិព្រំដែនខែកក្កដា ឆ្នាំ២០២៥។",
    "Total everywhere": "សរុបគ្រប់ទីកន្លែង",
    "Raised everywhere": "ទឹកប្រាក់ដែលបានប្រមូលគ្រប់ទីកន្លែង",
    "Gifts received in public campaigns: {count}": "អំណោយដែលបានទទួលក្នុងយុទ្ធនាការសាធារណៈ៖ {count}",
    "Active campaigns": "យុទ្ធនាការកំពុងដំណើរការ",
    "No active campaign at the moment.": "បច្ចុប្បន្នមិនមានយុទ្ធនាការកំពុងដំណើរការទេ។",
    "By country": "តាមប្រទេស",
    "All regions and cities": "គ្រប់តំបន់ និងទីក្រុង",
    "Everywhere, day by day": "គ្រប់ទីកន្លែង ប្រចាំថ្ងៃ",
    "Check that your gift was recorded": "ពិនិត្យថាអំណោយរបស់អ្នកត្រូវបានកត់ត្រា",
    "to {day}": "ដល់ {day}",
    "{amount} in the campaign's currency": "{amount} ជារូបិយប័ណ្ណរបស់យុទ្ធនាការ",
    "Reported figure, source: {source}": "តួលេខដែលបានរាយការណ៍ ប្រភព៖ {source}",
    "Where the funds go": "មូលនិធិទៅណា",
    "{share} intended": "គ្រោងទុក {share}",
    "All campaigns in {place}": "យុទ្ធនាការទាំងអស់នៅ {place}",
    "Type the code from your receipt to see that your gift was recorded. Only the campaign, the amount, the date "
    "and the status are shown.":
        "សូមវាយលេខកូដពីបង្កាន់ដៃរបស់អ្នក ដើម្បីមើលថាអំណោយរបស់អ្នកត្រូវបានកត់ត្រា។ មានតែយុទ្ធនាការ ចំនួនទឹកប្រាក់ "
        "កាលបរិច្ឆេទ និងស្ថានភាពប៉ុណ្ណោះដែលត្រូវបានបង្ហាញ។",
    "For example ABCD-EFGH-JKMN-PQRS. Capitals, spaces and dashes do not matter.":
        "ឧទាហរណ៍ ABCD-EFGH-JKMN-PQRS។ អក្សរធំ ដកឃ្លា និងសញ្ញាដាច់ មិនសំខាន់ទេ។",
    "Check": "ពិនិត្យ",
    "Your gift is recorded": "អំណោយរបស់អ្នកត្រូវបានកត់ត្រា",
    "estimated at {value}": "ប៉ាន់ស្មានតម្លៃ {value}",
    "Date": "កាលបរិច្ឆេទ",
    "No gift with this code": "គ្មានអំណោយដែលមានលេខកូដនេះទេ",
    "Check the code on your receipt and try again, or ask the association that received your gift.":
        "សូមពិនិត្យលេខកូដនៅលើបង្កាន់ដៃរបស់អ្នក ហើយព្យាយាមម្តងទៀត ឬសួរសមាគមដែលបានទទួលអំណោយរបស់អ្នក។",
    "No public campaign in this region yet.": "មិនទាន់មានយុទ្ធនាការសាធារណៈនៅក្នុងតំបន់នេះនៅឡើយទេ។",
    "Regions": "តំបន់",
    "Gifts received in public campaigns, by place.": "អំណោយដែលបានទទួលក្នុងយុទ្ធនាការសាធារណៈ តាមទីកន្លែង។",
    "Receipt code": "លេខកូដបង្កាន់ដៃ",
    "Enter the code printed on your receipt, for example ABCD-EFGH-JKMN-PQRS.":
        "សូមបញ្ចូលលេខកូដដែលបានបោះពុម្ពនៅលើបង្កាន់ដៃរបស់អ្នក ឧទាហរណ៍ ABCD-EFGH-JKMN-PQRS។",
}
