greeting =
    Hello! I am the automated assistant (a chatbot, not a staff member) of { $office }.
    I answer questions about administrative procedures: documents needed, fees, processing time, where to submit, online submission.
    Type a question, e.g. «birth registration documents» or «lam giay khai sinh can gi».
help =
    How to use this automated assistant:
    • Type the name of a procedure or a question, with or without Vietnamese accents.
    • Pick an option with the buttons or by typing its number.
    • /linhvuc: browse by field · /ngonngu: change language · /start: start over.
    • /hoso <dossier code>: dossier status (you need the last 4 digits of the phone number on the receipt) · /huy: stop notifications · /xoadulieu: delete your data.
    This information is for guidance; the office's decision is what counts.
menu-browse = Browse by field
menu-help = Help
menu-language = Tiếng Việt
choose-field = Choose a field:
choose-in-field = Procedures in { $field }:
choose-procedure = Which procedure do you mean? Pick one (or type its number):
compare-line = { $index }. { $name } (code { $code }): { $value }
compare-online-title = Online submission:
compare-online-yes = accepts applications online
compare-online-no = not online yet, submit in person
compare-pick = Which one is yours? Pick one to see it in full (or type its number).
more = More
not-found =
    Sorry, I could not find a matching procedure. Try a shorter question (e.g. «marriage registration», «certified copy») or choose «Browse by field».
    For help in person, contact:
    { $contact }
empty-message = Please type a question about a procedure, e.g. «birth registration documents».
expired-choice = That option is out of date. Please type your question again.
language-set = Switched to English. Procedure details are shown in Vietnamese, as published.
choose-language = Chọn ngôn ngữ / Choose a language:
unknown-command = I don't know that command. Type /help for help.
too-many = You are sending messages too fast; please wait { $seconds } seconds.
other-sections = Other sections:
data-note = Information checked on { $date }; verify against your province's current list of procedures before submitting.
answer-helpful = 👍 Helpful
answer-not-helpful = 👎 Not helpful
answer-thanks = Thank you for your feedback! It helps us answer better.
unsupported-message = I can only read text messages. Please type your question about a procedure.

section-general = Summary
section-documents = Documents
section-fee = Fees
section-time = Time
section-place = Where
section-steps = Steps
section-online = Online

procedure-title = 📄 { $name } (code { $code })
documents-title = Documents to prepare:
documents-case = In the case “{ $case }”:
document-count = { $originals ->
        [0] { $copies ->
            [one] 1 copy
           *[other] { $copies } copies
        }
        [one] 1 original{ $copies ->
            [0] {""}
            [one] , 1 copy
           *[other] , { $copies } copies
        }
       *[other] { $originals } originals{ $copies ->
            [0] {""}
            [one] , 1 copy
           *[other] , { $copies } copies
        }
    }
document-form = form: { $form }
fee-title = Fees:
time-title = Processing time:
place-title = Where to submit:
place-agency = Handled by: { $agency }
place-office =
    { $name }
    Address: { $address }
    Hours: { $hours }
    Phone: { $phone }
steps-title = Steps:
online-yes = You can submit online:
online-link = Link: { $url }
online-no = This procedure is not yet available online; submit in person at the office.
online-post = You can also send the dossier by post.
summary-office = Where: { $office }
summary-time = Time: { $time }
summary-fee = Fee: { $fee }
summary-documents = { $count ->
        [one] 1 document needed
       *[other] { $count } documents needed
    } (choose «Documents» for details).
summary-result = Result: { $result }
summary-conditions = Conditions:
legal-basis = Legal basis: { $laws }

channel-in_person = In person
channel-online = Online
channel-post = By post

more-part = More
part-of = ({ $part }/{ $parts })
small-talk-thanks = You're welcome! Type another question whenever you like.
small-talk-ok = 👍 Type another question whenever you like.
small-talk-bye = Goodbye! Message me again whenever you have a question about a procedure.
redirect =
    ℹ️ { $topic }: this is not handled at the ward's one-stop office.
    { $answer }
redirect-link = More: { $url }
not-this-one = Not this one
section-conditions = Conditions
conditions-title = Conditions:
conditions-none = This procedure lists no conditions of its own; these are its steps.
check-first = ⚠️ Check first: { $text }
small-talk-praise = Thank you! Type another question whenever you like.
small-talk-identity = I am an automatic assistant (chatbot) of the one-stop office, not a member of staff. I answer questions about administrative procedures: documents, fees, time, where to apply. Just type your question.
small-talk-offtopic = Sorry, I only answer questions about the ward's administrative procedures (documents, fees, time, where to apply). Type the procedure you need.
small-talk-translate = I don't translate texts. If you already have a translation and need the translator's signature certified, type «certify translator's signature».

# Corrections after a wrong answer
correction-choose = Sorry, I may have misunderstood. Is it one of the procedures below? Pick one (or type its number); if none is right, choose «None of these».
correction-none-right = None of these
correction-describe =
    Sorry, I have not found the procedure you need yet. Please describe it in other words: what you need done, for whom, which paper (e.g. «replace a lost alcohol retail licence», «register my father's death»).
    You can also choose «Browse by field» to look for it yourself.
