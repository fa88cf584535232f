"""English: header aliases (folded), status phrasings, step headers, rejection reasons, yes/no and negation."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": (
        "company", "company name", "companies name", "companies", "employer", "organisation", "organization", "org",
        "firm", "business", "card name", "card title", "card", "co",
    ),
    "role": ("role", "roles", "position", "job title", "title", "job", "position title", "job role", "job position"),
    "applied_on": (
        "date applied", "application", "applied on", "applied date", "application date", "date of application",
        "date", "applied", "date submitted", "submitted on", "date sent", "sent on", "date of submission",
        "submission date", "sent", "submitted", "applied at", "application sent",
    ),
    "status": (
        "status", "current status", "application status", "stage", "current stage", "state", "phase", "progress",
        "outcome", "result", "final answer", "decision", "final decision", "list", "list name", "lane",
        "board column", "pipeline", "pipeline stage",
    ),
    "source": (
        "source", "channel", "platform", "where applied", "applied via", "applied through", "found on", "found via",
        "job board", "job source", "site", "via", "website", "how found", "lead source", "portal",
    ),
    "location": ("location", "city", "place"),
    "work_mode": (
        "work mode", "wfh wfo", "remote", "remote hybrid onsite", "work type", "workplace type", "workplace",
        "on site remote",
    ),
    "resume_version": ("resume version", "resume", "cv version", "cv", "resume used", "version", "cv used"),
    "cover_letter": ("cover letter", "cover", "motivation letter", "cover letter sent"),
    "referral": ("referral", "referred", "referred by", "referrer"),
    "company_size": ("company size", "size", "employees", "headcount"),
    "salary": ("salary", "pay", "compensation", "package", "packages", "ctc", "salary range", "remuneration"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "details"),
    "rejection_reason": ("rejection reason", "reason", "reason for rejection", "why rejected"),
    "feedback_requested": (
        "feedback requested", "asked for feedback", "feedback asked", "requested feedback", "feedback request",
    ),
    "feedback_received": ("feedback received", "feedback", "feedback text"),
    "response_on": (
        "response date", "date of response", "first response", "replied on", "reply date", "heard back",
        "heard back on", "response on", "date response", "first reply", "first reply on", "first reply date",
        "reply on", "replied", "first response on",
    ),
    "last_activity_on": (
        "last update", "last updated", "updated", "last contact", "last activity", "date of last contact",
        "last status update", "status date",
    ),
    "direction": ("direction", "who applied", "inbound outbound", "inbound", "initiated by"),
    "contact": (
        "contact", "contact person", "recruiter name", "hiring manager name", "hr mail id", "email", "contact email",
        "recruiter contact",
    ),
    "url": ("job url", "url", "link", "job link", "posting", "job posting", "career link", "posting url"),
    "seniority": ("seniority", "level", "experience", "experience level"),
    "candidate": ("candidate", "candidate name", "job seeker", "mentee"),
    "rejected_on": ("rejection date", "rejected on", "date rejected"),
}  # fmt: skip

STATUS: dict[str, tuple[str, ...]] = {
    "not_application": (
        r"wish ?list", r"bookmark", r"^saved$", r"^to apply$", r"^applying$", r"not (yet )?applied", r"^interested$",
        r"^draft$", r"^idea$", r"diary", r"^prospect", r"researching", r"want to apply", r"planning to apply",
        r"^planning$", r"not started", r"to be applied", r"will apply", r"^to ?do$", r"^backlog$",
        r"^not applied$",
    ),
    "declined_invitation": (
        r"(turned down|declined|refused|skipped) (the |an |their |my )?(interview|screen|call|invitation|invite)",
        r"declined (the )?invite",
    ),
    "declined_offer": (
        r"offer (rejected|declined|refused|turned down)", r"(declined|rejected|refused) (the |their |an )?offer",
        r"turned (it )?down", r"i declined", r"offer (but|and|then) (i )?(declined|refused|turned (it )?down)",
    ),
    "withdrawn_by_me": (
        r"declined by me", r"i withdrew", r"i pulled out", r"pulled out", r"i retracted", r"no longer pursuing",
        r"not pursuing", r"decided not to (proceed|continue|apply|pursue)",
        r"(accepted|took) (an ?other|a different) (offer|job|role|position)",
    ),
    "not_selected": (
        r"\bnot (hired|accepted|selected|successful|retained|chosen|shortlisted|progressed|proceeding)\b",
        r"did not (proceed|progress|pass|make it|get it)", r"didn t (proceed|progress|pass|make it|get it)",
    ),
    "accepted": (r"accepted", r"hired", r"signed", r"^starting"),
    "withdrawn": (r"withdr[ae]w", r"withdrawn", r"no longer interested", r"not interested", r"abandon"),
    "ghosted": (
        r"ghost", r"no (response|reply|answer|news|feedback|word|callback|call back|reaction|update|contact)",
        r"never (heard|replied|answered|got back)", r"not (heard|replied|answered)", r"unanswered",
    ),
    "closed": (
        r"position (closed|filled|cancel)", r"job (closed|removed|expired)", r"\bclosed\b", r"cancel", r"freeze",
        r"expired", r"on hold", r"filled", r"posting (removed|closed|expired|taken down)",
        r"no longer (available|accepting|advertised)",
    ),
    "rejected": (
        r"reject", r"not selected", r"not moving forward", r"unsuccessful", r"declined", r"denied", r"\bko\b",
        r"negati", r"not a (good )?fit", r"turned away", r"\bnope\b", r"no luck",
        r"didn t get (it|the job|the role|the offer)", r"did not get (it|the job|the role|the offer)",
        r"not this time", r"\bno go\b",
    ),
    "offer": (r"offer", r"negotiat"),
    "offer_named": (r"offer",),
    "inbound": (
        r"recruiter (inquiry|enquiry|reach ?out|contact)", r"reach ?out", r"reached out", r"inbound", r"approached",
        r"headhunted",
    ),
    "interview": (
        r"interview", r"onsite", r"on site", r"on campus", r"superday", r"final round", r"panel",
        r"technical(?! (test|assessment|challenge|exercise))", r"case study", r"hiring manager", r"2nd round",
        r"second round", r"first round", r"(?<!phone )\bround\b", r"^final$", r"^finals$", r"next round",
        r"invited to interview",
    ),
    "assessment": (
        r"assessment", r"\boa\b", r"coding (challenge|test|exercise)", r"take ?home",
        r"technical (test|challenge|exercise)", r"written test", r"online test", r"hackerrank", r"codility",
        r"codesignal",
    ),
    "screen": (
        r"screen", r"phone", r"call", r"recruiter", r"\bhr\b", r"contacted", r"responded", r"in touch", r"in contact",
    ),
    "applied": (
        r"applied", r"application", r"submitted", r"sent", r"pending", r"in progress", r"waiting", r"review",
        r"^open$", r"^active$",
    ),
}  # fmt: skip

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "declined": (r"offer (declined|rejected|refused|turned down)", r"declined (the )?offer"),
    "ghosted": (r"ghost", r"no (response|reply)"),
    "withdrawn": (r"withdr[ae]w", r"withdrawn", r"pulled out"),
    "rejected": (r"rejected", r"rejection"),
    "in_progress": (r"in progress", r"ongoing"),
    "offer": (r"offer",),
    "interview": (
        r"interview", r"hiring manager", r"panel", r"technical(?! (test|assessment|challenge|exercise))", r"onsite",
        r"on site", r"on campus", r"superday", r"case study", r"final round",
    ),
    "screen": (
        r"phone", r"screen", r"recruiter call", r"hr call", r"hr recruiter", r"call", r"first contact", r"assessment",
        r"\boa\b", r"coding (challenge|test)", r"take ?home", r"technical (test|challenge|exercise)", r"written test",
        r"online test", r"^hr$",
    ),
    "replied": (
        r"^(got (a |any )?|any |employer )?(response|responded|reply|replied|answer|answered|heard back|callback)"
        r"( received| yet| from (them|employer|company))?$",
        r"^did (they|the employer|the company) (respond|reply|answer|get back)$",
    ),
}  # fmt: skip

REASONS: dict[str, tuple[str, ...]] = {
    "overqualified": (r"overqualif",),
    "internal candidate": (r"filled internally", r"internal(ly)?"),
    "automated screen": (
        r"automat", r"\bats\b", r"auto ?reject", r"keyword", r"screening question", r"knock ?out", r"robot",
        r"algorithm",
    ),
    "position cancelled": (
        r"on hold", r"budget", r"freeze", r"cancel", r"no longer (hiring|open|available)", r"withdrawn by",
        r"restructur", r"reorg",
    ),
    "position filled": (r"filled", r"already (hired|found)", r"closed"),
    "experience gap": (
        r"more experience", r"experienced candidate", r"stronger candidate", r"better (matched|suited|qualified)",
        r"senior", r"junior", r"experience", r"years", r"seniorit",
    ),
    "skills mismatch": (
        r"skill", r"sql", r"python", r"technical", r"test", r"statistic", r"case study", r"assessment", r"coding",
        r"stack", r"tool", r"knowledge", r"competen", r"certif", r"degree", r"qualification", r"dbt", r"excel",
        r"stakeholder",
    ),
    "culture or team fit": (
        r"cultur", r"team fit", r"fit (with|for) the team", r"better fit", r"personality", r"values", r"soft skill",
        r"motivation",
    ),
    "salary": (
        r"salar", r"\bpay\b", r"compensation", r"budget for the role", r"remuneration",
        r"(salary|pay|compensation) expectation", r"expectations? (were |was |are |is )?(too high|above)",
    ),
    "location / visa": (
        r"relocat", r"location", r"visa", r"sponsor", r"work permit", r"right to work", r"commute", r"on ?site only",
        r"remote",
    ),
    "no reason given": (
        r"no reason", r"without (a )?reason", r"generic", r"template", r"^no$", r"not given", r"none given",
        r"standard (email|rejection)", r"other (candidates|applicants)", r"mov(e|ing) forward with",
        r"not moving forward", r"not to proceed", r"unfortunately",
    ),
}  # fmt: skip

YES = ("yes", "y", "true", "1", "x", "done", "sent", "requested", "asked", "v", "ok")
NO = ("no", "n", "false", "0", "not sent", "none", "skipped", "not needed", "not required", "waived")
NEGATION = ("no", "not", "never", "without", "didn t", "did not", "didnt", "nothing", "none")
