# The customer side: the invitation link (accept or decline), the customer's partners and
# subscriptions. Keep zh-CN and pt-BR in step (same keys).

## Messages the flows use

partner-error-no-admin-access = This partner has no active admin access to remove. Nothing has changed.
partner-error-not-active = This relationship has already ended. Nothing has changed.

## One-time messages after an action

customer-flash-accepted = Invitation accepted. Your other partners and all your subscriptions are unchanged.
customer-flash-declined = Invitation declined. Nothing else has changed.
customer-flash-access-removed = Admin access removed. The relationship and your subscriptions are unchanged.
customer-flash-relationship-ended = Relationship ended. Its subscriptions continue unchanged, with the same Partner of Record.

## Shared words

customer-col-partner = Partner
customer-col-partner-id = Partner ID
customer-col-relationship = Relationship
customer-col-state = State
customer-col-since = Since
customer-col-admin-access = Admin access
customer-col-partner-of-record = Partner of Record
customer-col-offer = Offer
customer-col-quantity = Quantity
customer-col-status = Status
customer-col-term = Term
customer-via-provider = via { $provider }
customer-yes = Yes
customer-no = No
customer-cancel = Cancel
customer-what-happens = What happens
customer-ended-on = ended { $date }
customer-ended-by-you = Ended by your organisation on { $date }
customer-ended-by-partner = Ended by { $partner } on { $date }
customer-access-terminated-by = Admin access terminated by { $partner } on { $date }
customer-back-to-partners = Back to your partners
customer-back-to-partner = Back to { $partner }
customer-see-partners = See your partners
customer-see-subscriptions = See all your subscriptions

## Admin access

customer-access-heading = Admin access
customer-access-none = This partner has no admin access in your organisation: it cannot manage your users or settings.
customer-no-admin-access = None
customer-dap-roles = Global Administrator for the partner's admin agents, Helpdesk Administrator for its helpdesk agents

## Your partners

customer-partners-title = Your partners
customer-partners-lead = Every partner that works with { $customer }, the admin access each one has, and whether it is Partner of Record of any of your subscriptions. Each partner is independent of the others.
customer-partners-empty = You do not work with any partner yet. A partner sends you an invitation link; open it signed in as a Global Administrator to review it and accept or decline.

## One partner

customer-partner-lead-active = Your partner since { $date }.
customer-partner-lead-ended = This relationship has ended. The partner keeps being Partner of Record of the subscriptions it sold you.
customer-partner-facts = About this partner
customer-partner-ended = Ended
customer-end-reason = Reason
customer-history-heading = Relationship history
customer-actions-heading = Manage this partner
customer-action-remove-access = Remove admin access
customer-action-end = End the relationship
customer-actions-hint = Each action asks you to confirm first. Neither changes any subscription.
customer-actions-read-only = Only a Global Administrator of your organisation can remove admin access or end a relationship.
customer-partner-subs-heading = Subscriptions with this partner as Partner of Record
customer-partner-subs-none = This partner is not Partner of Record of any of your subscriptions.
customer-partner-subs-guarantee = These subscriptions stay as they are whatever you do with this partner's access or relationship.

## Removing admin access

customer-remove-title = Remove the admin access of { $partner }?
customer-remove-current = Admin access now
customer-remove-effect-access = { $partner } loses these admin roles in your organisation straight away.
customer-remove-effect-relationship = The reseller relationship stays: { $partner } remains your partner.
customer-remove-effect-again = To have admin access again, { $partner } must send you a new invitation.
customer-remove-effect-subscriptions = Your subscriptions do not change: their status, quantities, terms, ownership and Partner of Record stay exactly as they are.
customer-remove-confirm = Remove admin access
customer-remove-none = { $partner } has no active admin access in your organisation, so there is nothing to remove.

## Ending a relationship

customer-end-title = End the relationship with { $partner }?
customer-end-effect-relationship = { $partner } stops being your partner and can no longer place new orders for you.
customer-end-effect-access = The admin access { $partner } holds is removed at the same time.
customer-end-effect-others = Your other partners are not affected.
customer-end-subs-heading = What happens to the subscriptions sold by { $partner }: nothing
customer-end-subs-text = These subscriptions continue unchanged. { $partner } stays their Partner of Record, and their status, quantities, terms and ownership do not change. Nothing is cancelled.
customer-end-subs-none = { $partner } is not Partner of Record of any of your subscriptions.
customer-end-legend = Confirm the end of this relationship
customer-end-reason-label = Reason (optional)
customer-end-reason-hint = Kept with the relationship for your records. At most 500 characters.
customer-end-reason-invalid = The relationship has not been ended: the reason cannot be sent as typed. Nothing has changed.
customer-end-confirm = End the relationship
customer-end-not-active = The relationship with { $partner } has already ended. There is nothing more to do.

## Subscriptions

customer-subscriptions-title = Your subscriptions
customer-subscriptions-lead = Every subscription of { $customer }, with the partner that is its Partner of Record. Adding, removing or ending a partner never changes them.
customer-subscriptions-empty = You have no subscriptions yet.

## The invitation link

accept-title = Invitation from { $partner }
accept-lead = { $partner } invites { $customer } to a reseller relationship. Read what it asks for, then accept or decline.
accept-partner-heading = Who is inviting you
accept-partner-type = Partner type
accept-partner-provider = Sells through
accept-expires = Valid until
accept-message = Message from the partner
accept-asked-heading = What { $partner } asks for
accept-relationships-intro = Accepting creates a reseller relationship with:
accept-relationship-meaning = A reseller relationship lets a partner sell you new subscriptions and support you. It does not move any subscription you already have.
accept-already-partner = { $partner } is already your partner. Accepting adds only the admin access below.
accept-access-none = None. { $partner } will not be able to manage your users or settings.
accept-access-dap = Delegated admin privileges (DAP): { $partner }'s admin agents become Global Administrators of your organisation and its helpdesk agents Helpdesk Administrators. DAP has no end date; you can remove it at any time.
accept-access-gdap = Granular delegated admin privileges (GDAP): only the roles below, for a limited time.
accept-role-col = Role
accept-role-what = What it lets { $partner } do
accept-duration = Duration
accept-duration-days =
    { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
accept-duration-until = until { $date } if you accept today
accept-renewal = Renewal
accept-auto-extend-on = Renews automatically by 180 days at the end, until you or the partner remove it.
accept-auto-extend-off = Ends automatically at the end date; it does not renew.
accept-held-dap = { $partner } already holds DAP in your organisation, which is what this invitation asks for.
accept-held-gdap-asked-dap = { $partner } holds GDAP in your organisation with these roles only: { $roles }. This invitation asks for DAP instead, which is much broader: accepting adds DAP, and the GDAP roles stay until you remove them.
accept-held-dap-asked-gdap = { $partner } holds DAP in your organisation. This invitation asks for GDAP with the roles listed here: accepting adds them, and DAP stays until you remove it under Your partners.
accept-held-gdap-covered = { $partner } already holds every GDAP role this invitation asks for.
accept-held-gdap-missing = { $partner } already holds GDAP in your organisation, but not these roles this invitation asks for: { $roles }. Accepting adds a grant with the roles listed here.
accept-held-gdap-extra = It also holds roles this invitation does not ask for: { $roles }. They stay as they are.
accept-others-heading = Your other partners stay
accept-others-list = { $partner } joins the partners you already have. They all stay, with their access unchanged:
accept-others-none = You have no other partners at the moment.
accept-guarantee-heading = What does not change
accept-guarantee-subscriptions = Your existing subscriptions do not change: their status and quantities stay as they are.
accept-guarantee-ownership = Your organisation keeps ownership of its subscriptions, users and data.
accept-guarantee-terms = The terms of your existing subscriptions do not change.
accept-guarantee-por = The Partner of Record of each existing subscription stays the same.
accept-guarantee-control = You can remove admin access or end the relationship at any time under Your partners.
accept-decision-legend = Your decision
accept-authorise = I authorise { $partner } to become a partner of { $customer } with the access described above.
accept-authorise-required = To accept, tick the box to confirm that you authorise this. Nothing has changed.
accept-button = Accept
accept-decline-heading = Not interested?
accept-decline-text = Declining is final: this link stops working and { $partner } is told no. Nothing else changes.
accept-decline-button = Decline
decline-title = Decline the invitation from { $partner }?
decline-back = Back to the invitation
decline-effect-told = { $partner } sees that you declined: it does not become your partner and gets no access.
decline-effect-final = This cannot be undone: the link stops working for good. To work with { $partner } later, ask it for a new invitation.
decline-effect-nothing-else = Nothing else changes: your other partners, their access and your subscriptions stay as they are.
decline-confirm = Decline the invitation

## The invitation link cannot be used

accept-not-found-title = Invitation not found
accept-not-found = We could not find this invitation. Check that you opened the whole link from the partner's message. If it still does not work, ask the partner for a new invitation.
accept-refused-nothing-changed = Nothing has changed.
accept-refused-not-global-admin-title = Only a Global Administrator can accept this invitation
accept-refused-not-global-admin = You are signed in as { $name } of { $tenant }. Only a Global Administrator of the invited customer organisation can accept or decline a reseller relationship invitation. Forward the link to your Global Administrator, or sign out and open the link again with a Global Administrator account.
accept-refused-wrong-customer-title = This invitation is for another organisation
accept-refused-wrong-customer = The partner addressed this invitation to a customer organisation other than { $tenant }. If you expected it, ask the partner to send an invitation to your organisation.
accept-refused-expired-title = This invitation has expired
accept-refused-expired = Invitations are valid for a limited time. Ask the partner to send you a new one.
accept-refused-revoked-title = This invitation was withdrawn
accept-refused-revoked = The partner withdrew this invitation. Ask them for a new one if you still want to work with them.
accept-refused-used-title = This invitation has already been used
accept-refused-used = Each invitation can be accepted or declined once, and this one already was.
accept-refused-already-partner-title = Already your partner
accept-refused-already-partner = { $partner } already works with you, and accepting this invitation would change nothing.
accept-refused-no-access-asked = This invitation asks for no admin access.
accept-see-partner = See this partner
accept-sign-out = Sign out
