# The partner side: customers (with only the subscriptions this partner sold), placing an order,
# and reseller relationship invitations. Keep zh-CN and pt-BR in step.

## Messages the flows use

invitation-error-provider-required = An indirect reseller's invitation must name the indirect provider you act for.
invitation-error-provider-not-allowed = Only an indirect reseller names an indirect provider. Leave the provider out.
invitation-error-provider-not-associated = That indirect provider does not work with your organisation. Choose one of your providers.
invitation-error-not-pending = This invitation is no longer pending, so it cannot be revoked. Nothing has changed.
invitation-error-broken = This invitation cannot be used because its stored details are inconsistent. Ask the partner for a new one.
order-error-no-relationship = You no longer have an active reseller relationship with this customer, so you cannot place an order. Nothing has changed.
order-error-offer = Choose an offer from the catalogue.

## Invitation form errors

invitation-error-summary = Please correct the following. Nothing has been created yet.
invitation-error-access = Choose what the invitation asks for.
invitation-error-admin-access-admin-agent = Only admin agents can ask a customer for admin access (DAP or GDAP). Invite to a reseller relationship only, or ask an admin agent of your organization.
invitation-error-roles-none = Choose at least one role for granular delegated admin privileges (GDAP).
invitation-error-role-unknown = One of the roles is not in the GDAP role catalogue. Choose roles from the list.
invitation-error-duration = The duration is a whole number of days from 1 to 730.
invitation-error-auto-extend-global-admin = Automatic renewal is not allowed when Global Administrator is among the roles. Untick one of them.
invitation-error-domain = Enter a domain such as contoso.partner.onmschina.cn (letters, digits, hyphens and dots), or leave it empty.
invitation-error-expiry = The link can stay valid for 1 to 90 days.
invitation-error-provider-invalid = Choose an indirect provider from the list.

## One-time messages after an action

invitation-flash-revoked = Invitation revoked. Its link no longer works. Nothing else has changed.
order-flash-placed = Order placed. The new subscription names your organisation as Partner of Record; no other subscription has changed.

## Invitations: shared words

invitation-col-created = Created
invitation-col-invitation = Invitation (name or creation time)
invitation-col-name = Name
invitation-form-name-label = Name (optional)
invitation-form-name-hint = Only you see it, in your list of invitations. At most { $max } characters.
invitation-error-name = The name must be one line of at most 50 characters.
invitation-filter-state = State
invitation-filter-any = Any state
invitation-filter-apply = Show
invitation-list-none-in-state = No invitation is in this state.
invitation-error-state = That is not a state an invitation can be in.
invitation-reissue-action = Reissue the link
invitation-reissue-title = Reissue this invitation's link?
invitation-reissue-effect-new = A new link is made and shown to you once, with the e-mail text to send it.
invitation-reissue-effect-old = The old link stops working at once: it answers like any link that does not exist.
invitation-reissue-effect-same = Everything else stays as it is: what the invitation asks for, and its expiry on { $date }.
invitation-reissue-confirm = Make a new link
invitation-reissue-not-pending = Only a pending invitation can get a new link. Nothing has changed.
invitation-reissued-title = New invitation link
invitation-reissued-old-link = The previous link no longer works.
invitation-col-access = Access asked
invitation-col-state = State
invitation-col-created-by = Created by
invitation-col-expires = Link expires
invitation-col-customer = Accepted or declined by
invitation-roles = Roles
invitation-duration = Duration
invitation-duration-days =
    { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
invitation-auto-extend = Automatic renewal
invitation-auto-extend-on = Renews automatically by 180 days
invitation-auto-extend-off = Does not renew automatically
invitation-provider = Indirect provider
invitation-customer-domain = For customer
invitation-any-customer = Any customer who opens the link
invitation-only-for = only for { $domain }
invitation-message = Message
invitation-created-by-on = { $name }, { $date }
invitation-accepted = Accepted
invitation-declined = Declined
invitation-revoked = Revoked
invitation-back = Back to invitations
invitation-back-to-invitation = Back to the invitation
invitation-cancel = Cancel

## Invitations list

invitation-list-title = Invitations
invitation-list-lead = Reseller relationship invitations sent by { $partner }, newest first. A pending invitation can be revoked until the customer decides.
invitation-list-new = New invitation
invitation-list-empty = You have not sent any invitation yet. Create one, then send the link to the customer's Global Administrator.
invitation-list-no-more = There are no older invitations.
invitation-list-paging = Pages
invitation-list-newest = Newest invitations
invitation-list-older = Older invitations

## New invitation

invitation-new-title = New reseller relationship invitation
invitation-new-lead = Choose what { $partner } asks the customer for. The customer's Global Administrator sees exactly this before accepting or declining, and keeps every partner they already have.
invitation-form-provider-label = Indirect provider you act for
invitation-form-provider-choose = Choose a provider
invitation-form-provider-hint = As an indirect reseller you sell through an indirect provider. Accepting creates a relationship with the provider and with you.
invitation-form-provider-none = Your organisation is not associated with any indirect provider yet, so it cannot invite customers. Ask your provider to associate you.
invitation-form-access-legend = What do you ask for?
invitation-form-access-reseller-hint = A reseller relationship only: you can sell to the customer, with no administrative access.
invitation-form-access-dap-hint = Also classic delegated admin: your admin agents become Global Administrators and your helpdesk agents Helpdesk Administrators in the customer's organisation, with no end date.
invitation-form-access-gdap-hint = Also granular, time-bound admin roles chosen below. Microsoft recommends GDAP with the fewest roles you need.
invitation-form-sales-agent-note = As a sales agent you invite to a reseller relationship only: admin access (DAP or GDAP) is asked for by your organization's admin agents.
invitation-form-gdap-legend = Granular delegated admin privileges (GDAP)
invitation-form-gdap-hint = Used only when you ask for GDAP above.
invitation-form-roles-legend = Roles you ask for
invitation-form-duration-label = Duration in days
invitation-form-duration-hint = From 1 to 730 days (two years), counted from the customer's acceptance.
invitation-form-auto-extend-label = Renew automatically by 180 days at the end
invitation-form-auto-extend-hint = Not allowed when Global Administrator is among the roles. The customer can remove the access at any time.
invitation-form-domain-label = Customer domain (optional)
invitation-form-domain-hint = If set, only the customer with this default domain, such as contoso.partner.onmschina.cn, can accept. Leave empty for any customer.
invitation-form-message-label = Message to the customer (optional)
invitation-form-message-hint = Shown to the customer with the invitation. At most { $max } characters.
invitation-form-expiry-label = Link valid for (days)
invitation-form-expiry-hint = 7 days unless you choose otherwise; at most 90. The link is a secret: the shorter, the safer.
invitation-form-submit = Create invitation

## Invitation created (the link is shown once)

invitation-created-title = Invitation created
invitation-created-once = This is the only time the link is shown. It is not stored, so it cannot be shown again: copy it or the e-mail below now. If it is lost, revoke this invitation and create a new one.
invitation-created-send-heading = Send it to the customer
invitation-created-send-text = Send this e-mail to a Global Administrator of the customer's organisation. Anyone with the link can open the invitation, so send it only to the customer.
invitation-created-subject = Subject
invitation-created-body = Message
invitation-created-select-hint = To copy without the buttons, select the text and copy it with your keyboard or the context menu.
invitation-copy-subject = Copy subject
invitation-copy-link = Copy link
invitation-copy-email = Copy e-mail text
invitation-copied-subject = Subject copied.
invitation-copied-link = Link copied.
invitation-copied-email = E-mail text copied.
invitation-created-summary = What the invitation asks for
invitation-created-view = View the invitation

## The ready-to-send e-mail

invitation-email-subject = { $partner } invites you to a reseller relationship
invitation-email-greeting = Hello,
invitation-email-intro = { $partner } invites your organisation to a reseller relationship in Partner Center operated by 21Vianet.
invitation-email-intro-with-id = { $partner } (Partner ID { $id }) invites your organisation to a reseller relationship in Partner Center operated by 21Vianet.
invitation-email-provider = { $partner } sells through its indirect provider { $provider }; accepting creates a relationship with both.
invitation-email-dap = { $partner } also asks for delegated admin privileges in your organisation.
invitation-email-gdap =
    { $days ->
        [one] We also ask for these admin roles for { $days } day: { $roles }.
       *[other] We also ask for these admin roles for { $days } days: { $roles }.
    }
invitation-email-role-separator = { ", " }
invitation-email-auto-extend = The roles renew automatically by 180 days unless you remove them.
invitation-email-domain = This invitation is for the organisation with the domain { $domain }.
invitation-email-open = Please open this link signed in as a Global Administrator of your organisation, review what is asked, and accept or decline:
invitation-email-expires = The link works until { $date }.
invitation-email-guarantee = Accepting keeps all your other partners and does not change your existing subscriptions, their terms or their Partner of Record.
invitation-email-signature = Kind regards, { $name }, { $partner }

## Invitation detail and revoking

invitation-detail-title = Invitation
invitation-link-not-shown = The link was shown only when the invitation was created. If it was lost, revoke this invitation and create a new one.
invitation-revoke-action = Revoke invitation
invitation-revoke-title = Revoke this invitation?
invitation-revoke-what-happens = What happens
invitation-revoke-effect-link = The link stops working: the customer can no longer accept or decline it.
invitation-revoke-effect-final = Revoking cannot be undone. To invite the customer again, create a new invitation.
invitation-revoke-effect-nothing-else = Nothing else changes: your customers, relationships and subscriptions stay as they are.
invitation-revoke-confirm = Revoke invitation
invitation-revoke-not-pending = This invitation is no longer pending, so there is nothing to revoke.

## Customers

customers-title = Customers
customers-lead = Every customer that works with { $partner }: your relationship and your admin access in each. You see only your own relationship and the subscriptions you sold.
customers-empty = You have no customers yet. When a customer accepts one of your invitations, it appears here.
customers-empty-invite = Create an invitation
customers-col-customer = Customer
customers-col-domain = Domain
customers-col-relationship = Relationship
customers-col-state = State
customers-col-since = Since
customers-col-admin-access = Your admin access
customers-col-offer = Offer
customers-col-quantity = Quantity
customers-col-status = Status
customers-col-term = Term
customers-col-ordered = Ordered
customers-via-provider = via { $provider }
customers-ended-on = ended { $date }
customers-no-admin-access = None
customers-back = Back to customers
customers-lead-active = Your customer since { $date }.
customers-lead-ended = Your relationship with this customer has ended. You remain Partner of Record of the subscriptions you sold.
customers-facts = About this customer
customers-ended = Ended
customers-access-heading = Your admin access
customers-access-none = You have no admin access in this customer's organisation.
customers-dap-roles = Global Administrator for your admin agents, Helpdesk Administrator for your helpdesk agents
customers-subs-heading = Subscriptions with { $partner } as Partner of Record
customers-subs-none = You have not sold this customer any subscription yet.
customers-subs-hint = Only subscriptions you are Partner of Record of are shown here.
customers-actions-heading = End admin access or the relationship
customers-action-terminate = Terminate admin access
customers-action-end = End the relationship
customers-actions-hint = Each asks you to confirm first. No subscription changes.
customers-ended-by-you = Ended by your organisation on { $date }
customers-ended-by-customer = Ended by the customer on { $date }
customers-end-reason = Reason
customers-terminate-title = Terminate your admin access in { $customer }?
customers-terminate-current = Your admin access now
customers-terminate-effect-access = Your agents lose these admin roles in { $customer } straight away.
customers-terminate-effect-relationship = The reseller relationship stays: you remain the partner of { $customer } and can still place orders.
customers-terminate-effect-again = To have admin access again, send { $customer } a new invitation.
customers-terminate-confirm = Terminate admin access
customers-terminate-none = You have no active admin access in { $customer }, so there is nothing to terminate.
customers-end-title = End your relationship with { $customer }?
customers-end-effect-relationship = You stop being the partner of { $customer } and can no longer place new orders for it.
customers-end-effect-access = Your admin access in { $customer } ends at the same time.
customers-end-effect-provider = The relationship of your provider { $provider } with { $customer } is not affected: only { $provider } can end it.
customers-end-effect-others = Any other partner of { $customer } is not affected.
customers-end-subs-heading = What happens to the subscriptions you sold: nothing
customers-end-subs-text = These subscriptions continue unchanged. { $partner } stays their Partner of Record, and their status, quantities, terms and ownership do not change. Nothing is cancelled.
customers-end-subs-none = You are not Partner of Record of any subscription of { $customer }.
customers-end-subs-others = Subscriptions that other partners sold to { $customer } do not change either.
customers-end-legend = Confirm the end of this relationship
customers-end-reason-label = Reason (optional)
customers-end-reason-hint = The customer sees it with the relationship. At most 500 characters.
customers-end-reason-invalid = The relationship has not been ended: the reason cannot be sent as typed. Nothing has changed.
customers-end-confirm = End the relationship
customers-end-not-active = Your relationship with { $customer } has already ended. There is nothing more to do.
customers-cancel = Cancel
customers-back-to-customer = Back to { $customer }
customers-flash-access-terminated = Admin access terminated. The relationship and every subscription are unchanged.
customers-flash-relationship-ended = Relationship ended. Your subscriptions continue unchanged, with you as Partner of Record.
customers-error-not-active = This relationship has already ended. Nothing has changed.
customers-error-no-admin-access = You have no active admin access in this customer to terminate. Nothing has changed.


## Placing an order

order-heading = Place a new order
order-legend = New subscription for { $customer }
order-offer-label = Offer
order-offer-choose = Choose an offer
order-quantity-label = Quantity
order-quantity-hint = Licences or units, from 1 to 10000.
order-guarantee = The new subscription names { $partner } as Partner of Record. The customer's other subscriptions do not change.
order-submit = Place order
order-error-summary = The order was not placed. Please correct the fields below.
order-error-quantity = The quantity is a whole number from 1 to 10000.
