# Refusals of an amount or a rate, by MoneyError code.
MESSAGES = {
    "amount_required": "Enter an amount.",
    "amount_not_a_number": "“{text}” is not an amount: use digits, with a comma or a point before the cents.",
    "amount_not_positive": "The amount must be more than zero.",
    "amount_too_precise": "{currency} amounts have at most {digits} decimal places.",
    "amount_too_large": "“{text}” is far larger than any single gift: check the amount.",
    "amount_ambiguous": "“{text}” is ambiguous: write {whole} for thousands, or {decimal} with two decimals.",
    "amount_bad_grouping": "“{text}” has misplaced thousands separators: groups of three digits are expected.",
    "currency_unknown": "“{currency}” is not an ISO 4217 currency code.",
}

FR = {
    "Enter an amount.": "Saisissez un montant.",
    "“{text}” is not an amount: use digits, with a comma or a point before the cents.":
        "« {text} » n’est pas un montant : utilisez des chiffres, avec une virgule ou un point avant les centimes.",
    "The amount must be more than zero.": "Le montant doit être supérieur à zéro.",
    "{currency} amounts have at most {digits} decimal places.":
        "Les montants en {currency} ont au plus {digits} décimales.",
    "“{text}” is far larger than any single gift: check the amount.":
        "« {text} » dépasse de loin tout don individuel : vérifiez le montant.",
    "“{text}” is ambiguous: write {whole} for thousands, or {decimal} with two decimals.":
        "« {text} » est ambigu : écrivez {whole} pour des milliers, ou {decimal} avec deux décimales.",
    "“{text}” has misplaced thousands separators: groups of three digits are expected.":
        "« {text} » a des séparateurs de milliers mal placés : des groupes de trois chiffres sont attendus.",
    "“{currency}” is not an ISO 4217 currency code.": "« {currency} » n’est pas un code de devise ISO 4217.",
}

KM = {
    "Enter an amount.": "សូមបញ្ចូលចំនួនទឹកប្រាក់។",
    "“{text}” is not an amount: use digits, with a comma or a point before the cents.":
        "“{text}” មិនមែនជាចំនួនទឹកប្រាក់ទេ៖ សូមប្រើលេខ ដោយមានក្បៀស ឬចំណុច នៅមុខសេន។",
    "The amount must be more than zero.": "ចំនួនទឹកប្រាក់ត្រូវតែធំជាងសូន្យ។",
    "{currency} amounts have at most {digits} decimal places.":
        "ចំនួនទឹកប្រាក់ជា {currency} មានខ្ទង់ទសភាគយ៉ាងច្រើន {digits}។",
    "“{text}” is far larger than any single gift: check the amount.":
        "“{text}” ធំជាងការបរិច្ចាគណាមួយឆ្ងាយណាស់៖ សូមពិនិត្យចំនួនទឹកប្រាក់។",
    "“{text}” is ambiguous: write {whole} for thousands, or {decimal} with two decimals.":
        "“{text}” មិនច្បាស់លាស់៖ សូមសរសេរ {whole} សម្រាប់ពាន់ ឬ {decimal} ដោយមានខ្ទង់ទសភាគពីរ។",
    "“{text}” has misplaced thousands separators: groups of three digits are expected.":
        "“{text}” មានសញ្ញាបំបែកខ្ទង់ពាន់ខុសកន្លែង៖ ត្រូវការក្រុមលេខបីខ្ទង់។",
    "“{currency}” is not an ISO 4217 currency code.": "“{currency}” មិនមែនជាកូដរូបិយប័ណ្ណ ISO 4217 ទេ។",
}
