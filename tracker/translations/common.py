# French and Khmer for the layout and error pages, keyed by the English text.
FR = {
    "Skip to content": "Aller au contenu",
    "Main": "Principal",
    "Log a gift": "Saisir un don",
    "My entries": "Mes saisies",
    "Dashboards": "Tableaux de bord",
    "Campaigns": "Campagnes",
    "Organisations": "Organisations",
    "Users": "Utilisateurs",
    "Rates": "Taux",
    "Sign out": "Se déconnecter",
    "Sign in": "Se connecter",
    "Check my gift": "Vérifier mon don",
    "Language": "Langue",
    "Back to the home page": "Retour à l’accueil",
    "Figures are sums of logged entries; every conversion uses the ECB reference rate of the gift's day.":
        "Les chiffres sont des sommes des saisies ; chaque conversion utilise le taux de référence de la BCE du jour du don.",
    "The request could not be understood.": "La requête n’a pas pu être comprise.",
    "You do not have permission to see or do this.": "Vous n’avez pas l’autorisation de voir ou de faire ceci.",
    "There is nothing at this address.": "Il n’y a rien à cette adresse.",
    "This page cannot be used that way.": "Cette page ne s’utilise pas ainsi.",
    "What was sent is too large.": "Ce qui a été envoyé est trop volumineux.",
    "Too many attempts: wait a moment and try again.": "Trop de tentatives : patientez un instant et réessayez.",
    "Something went wrong on our side. Nothing you entered was saved; please try again.":
        "Une erreur s’est produite de notre côté. Rien de ce que vous avez saisi n’a été enregistré ; veuillez réessayer.",
    "This form has expired or was not sent from this site. Reload the page and try again.":
        "Ce formulaire a expiré ou n’a pas été envoyé depuis ce site. Rechargez la page et réessayez.",
}

KM = {
    "Skip to content": "រំលងទៅខ្លឹមសារ",
    "Main": "មេ",
    "Log a gift": "កត់ត្រាអំណោយ",
    "My entries": "ការកត់ត្រារបស់ខ្ញុំ",
    "Dashboards": "ផ្ទាំងព័ត៌មាន",
    "Campaigns": "យុទ្ធនាការ",
    "Organisations": "អង្គការ",
    "Users": "អ្នកប្រើប្រាស់",
    "Rates": "អត្រាប្តូរប្រាក់",
    "Sign out": "ចាកចេញ",
    "Sign in": "ចូល",
    "Check my gift": "ពិនិត្យអំណោយរបស់ខ្ញុំ",
    "Language": "ភាសា",
    "Back to the home page": "ត្រឡប់ទៅទំព័រដើម",
    "Figures are sums of logged entries; every conversion uses the ECB reference rate of the gift's day.":
        "តួលេខគឺជាផលបូកនៃការកត់ត្រា ការប្តូរប្រាក់នីមួយៗប្រើអត្រាយោងរបស់ ECB នៃថ្ងៃអំណោយ។",
    "The request could not be understood.": "មិនអាចយល់សំណើនេះបានទេ។",
    "You do not have permission to see or do this.": "អ្នកមិនមានសិទ្ធិមើល ឬធ្វើការនេះទេ។",
    "There is nothing at this address.": "មិនមានអ្វីនៅអាសយដ្ឋាននេះទេ។",
    "This page cannot be used that way.": "ទំព័រនេះមិនអាចប្រើតាមរបៀបនោះបានទេ។",
    "What was sent is too large.": "អ្វីដែលបានផ្ញើធំពេក។",
    "Too many attempts: wait a moment and try again.": "ព្យាយាមច្រើនដងពេក៖ សូមរង់ចាំបន្តិច ហើយព្យាយាមម្តងទៀត។",
    "Something went wrong on our side. Nothing you entered was saved; please try again.":
        "មានបញ្ហានៅខាងយើង។ គ្មានអ្វីដែលអ្នកបានបញ្ចូលត្រូវបានរក្សាទុកទេ សូមព្យាយាមម្តងទៀត។",
    "This form has expired or was not sent from this site. Reload the page and try again.":
        "ទម្រង់នេះផុតកំណត់ ឬមិនត្រូវបានផ្ញើពីគេហទំព័រនេះទេ។ សូមផ្ទុកទំព័រឡើងវិញ ហើយព្យាយាមម្តងទៀត។",
}
