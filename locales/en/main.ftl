app-name = Multi-partner portal
skip-to-content = Skip to content
table-region-label = Table (scrolls sideways when it does not fit)
demo-badge = Demo
demo-badge-exposed = Demo open to the network: anyone who reaches this address can sign in as any user, the operator included
nav-label = Main
nav-home = Home
nav-customers = Customers
nav-invitations = Invitations
nav-partners = Partners
nav-subscriptions = Subscriptions
nav-admin-overview = Overview
nav-admin-customers = Customers
nav-admin-relationships = Relationships
nav-admin-invitations = Invitations
nav-admin-audit = Audit trail
sign-in = Sign in
sign-out = Sign out
footer-text = Cloud Solution Provider multi-partner portal for Partner Center operated by 21Vianet.

landing-title = Work with several partners, keep everything you have
landing-lead = Resellers invite customers to a reseller relationship, optionally with delegated administration. Customers accept, see and manage all their partners in one place.
landing-how-heading = How it works
landing-partners-title = For partners
landing-partners-text = Create a reseller relationship invitation, choose the admin roles you need and for how long, and send the customer the link.
landing-customers-title = For customers
landing-customers-text = Review exactly what a partner asks for, then accept or decline. Your existing partners stay.
landing-guarantee-title = Nothing you own changes
landing-guarantee-text = Adding a partner never changes your existing subscriptions, their terms, their ownership or their Partner of Record.

home-welcome = Welcome, { $name }
home-partner-intro = Invite customers, follow your invitations and serve the customers who work with you.
home-customer-intro = See every partner you work with, what access each one has, and all your subscriptions.
home-operator-intro = Review who works with whom across the platform: customers, relationships, invitations, admin access and the audit trail.
tile-partner-customers = Customers
tile-partner-customers-text = Customers you have a reseller relationship with, and the subscriptions you sold them.
tile-partner-invitations = Invitations
tile-partner-invitations-text = Create reseller relationship invitations and follow their state.
tile-customer-partners = Your partners
tile-customer-partners-text = Every partner you work with, their admin access, and ending a relationship.
tile-customer-subscriptions = Subscriptions
tile-customer-subscriptions-text = All your subscriptions with their Partner of Record.
tile-admin-overview = Overview
tile-admin-overview-text = Platform counts and how multi-partner grows week by week.
tile-admin-relationships = Relationships
tile-admin-relationships-text = Every reseller relationship, filterable and exportable.
tile-admin-audit = Audit trail
tile-admin-audit-text = Who did what, when, and with what outcome.

error-title = Something went wrong
error-back-home = Back to the home page
error-reference = Reference: { $id }
error-400-text = The request could not be understood. Check what you entered and try again.
error-403-text = You do not have permission to do that.
error-404-text = We could not find that page. It may have moved, or you may not have access to it.
error-409-text = That cannot be done in the current state. Reload the page to see the latest.
error-410-text = That link is no longer valid.
error-413-text = What you sent is too large.
error-429-text = Too many attempts. Please wait a moment and try again.
error-500-text = An unexpected error occurred. It has been logged; please try again later.
error-503-text = The service is temporarily unavailable. Please try again in a moment.
error-csrf = Your form has expired or did not come from this site. Go back, reload the page and try again.
error-sign-in-required = Please sign in to continue.
error-bad-language = That language is not available.

signin-failed-title = Sign-in did not complete
signin-try-again = Try signing in again
signin-error-expired = Your sign-in took too long or was already used. Please start again.
signin-error-provider = The identity provider could not be reached. Please try again in a moment.
signin-error-denied = The identity provider did not sign you in.
signin-error-invalid = The identity provider's answer could not be verified, so you were not signed in.
signin-error-identity = Your account does not carry the organisation and role information this portal needs. Ask your administrator.
signin-error-unknown-tenant = Your organisation is not registered with this portal. Partner organisations are registered by the platform operator; a customer's Global Administrator must sign in first.
signin-error-tenant-mismatch = Your account belongs to a different organisation than the one recorded for it here. Ask your administrator.

demo-idp-title = Demo sign-in
demo-idp-notice = This is the built-in demo identity provider. It exists only in demo mode; in production the portal signs in through your organisation's identity provider.
demo-idp-choose = Choose who to sign in as
demo-idp-bad-request = The sign-in request is not valid for this demo provider.

# Admin access, as both customers and partners see it.
admin-access-until = until { $date }
admin-access-expired-on = expired on { $date }
admin-access-removed-on = removed on { $date }
admin-access-terminated-on = terminated by the partner on { $date }
admin-access-terminated-by-you-on = terminated by your organisation on { $date }
admin-access-removed-by-customer-on = removed by the customer on { $date }
admin-access-no-end = No end date
admin-access-auto-extend = renews automatically by 180 days
admin-access-col-kind = Kind
admin-access-col-roles = Roles
admin-access-col-starts = Started
admin-access-col-ends = Ends
admin-access-col-state = State
admin-access-history-heading = Admin access history

# Subscriptions and offer terms, as both customers and partners see them.
subscription-status-active = Active
subscription-status-suspended = Suspended
subscription-status-cancelled = Cancelled
subscription-term-p1m = 1 month
subscription-term-p1y = 1 year
subscription-term-p3y = 3 years
subscription-term-none = No fixed term
# Before the page title when a submitted form comes back with errors.
title-error-prefix = Error:
# Under a text field with a limit: how much of it the submitted text used.
form-char-count = { $used } of up to { $max } characters
# Beside a free-text field (a message, a reason) whose text is refused.
free-text-error-empty = This field cannot be blank.
free-text-error-too-long = The text can have at most { $max } characters.
free-text-error-bidirectional = The text contains an invisible character that changes the direction of the text around it (such as U+202E), so it could read differently from what it says. Type the text again rather than pasting it.
free-text-error-invisible = The text contains an invisible character (a zero-width space or joiner, a word joiner, a byte-order mark or a tag character) that could hide what it says. Type the text again rather than pasting it.
free-text-error-control = The text contains a control character. Use plain text: letters, digits, punctuation, spaces, tabs and line breaks.
