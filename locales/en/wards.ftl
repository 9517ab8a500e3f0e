# Picking a ward (src/features/ward.ts) and the local part of answers (src/core/format.ts).
local-note = 📌 Local note: { $text }
place-map = Map: { $url }
menu-ward = Choose your ward
menu-ward-change = Change ward
ward-choose = Which ward or commune are you in? Pick one below or type its name (e.g. «phường Tân Định»):
ward-ask = To tell you where to submit: which ward or commune are you in? Pick or type its name (asked only once).
ward-skip = Skip
ward-ambiguous = Several wards have that name; please pick one:
ward-set-short = { $ward } chosen. To change it: /phuong
ward-set =
    { $ward } chosen. To change it: /phuong
    { $office }
ward-single =
    This assistant serves one office:
    { $office }
ward-province = the wards and communes of { $province }
help-ward = • /phuong: choose or change your ward (or type its name, e.g. «phường Tân Phú»), so the assistant names the right office.
tg-command-phuong = Choose or change your ward
