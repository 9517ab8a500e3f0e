# Telegram channel: command descriptions for the menu (setMyCommands) and paging buttons
tg-command-start = Start: introduction and main menu
tg-command-help = How to use this assistant
tg-command-tim = Search procedures, e.g. /tim birth registration
tg-command-linhvuc = Browse procedures by field
tg-command-hoso = Check the status of a dossier
tg-command-danhgia = Rate the service for a dossier you received
tg-command-huy = Stop dossier notifications
tg-command-xoadulieu = Delete your dossier links and lookup history
tg-command-ngonngu = Change language (Tiếng Việt / English)
tg-page-previous = « Previous
tg-page-next = Next »
tg-page-of = Page { $page }/{ $pages }
tg-page-expired = This list has expired. Please ask again.
tg-error = Sorry, something went wrong while handling your message. Please try again in a few minutes.
