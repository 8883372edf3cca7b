# Names and descriptions shown for the domain's enums and the GDAP role catalogue.
# Keys come from message_key() / description_key() in src/domain; keep every locale in step.

## GDAP role catalogue (Microsoft Entra built-in roles)

gdap-role-global-administrator = Global Administrator
gdap-role-global-administrator-desc = Full control of every setting, user and service in your organisation.
gdap-role-helpdesk-administrator = Helpdesk Administrator
gdap-role-helpdesk-administrator-desc = Reset passwords and manage support requests for users who are not administrators.
gdap-role-user-administrator = User Administrator
gdap-role-user-administrator-desc = Create and manage users and groups, and reset passwords for most users.
gdap-role-exchange-administrator = Exchange Administrator
gdap-role-exchange-administrator-desc = Manage Exchange Online mailboxes, mail flow and email settings.
gdap-role-sharepoint-administrator = SharePoint Administrator
gdap-role-sharepoint-administrator-desc = Manage SharePoint Online and OneDrive sites and their settings.
gdap-role-teams-administrator = Teams Administrator
gdap-role-teams-administrator-desc = Manage Microsoft Teams, including meetings, calling and team settings.
gdap-role-security-reader = Security Reader
gdap-role-security-reader-desc = Read security reports, alerts and settings without changing them.
gdap-role-billing-administrator = Billing Administrator
gdap-role-billing-administrator-desc = Make purchases, manage subscriptions and billing, and handle billing support requests.
gdap-role-license-administrator = License Administrator
gdap-role-license-administrator-desc = Assign and remove product licences for users and groups.
gdap-role-directory-readers = Directory Readers
gdap-role-directory-readers-desc = Read basic directory information such as users, groups and devices.
gdap-role-global-reader = Global Reader
gdap-role-global-reader-desc = See everything a Global Administrator can see, but change nothing.
gdap-role-service-support-administrator = Service Support Administrator
gdap-role-service-support-administrator-desc = Read service health, and open and manage support requests with Microsoft.

## Invitations

invitation-state-pending = Pending
invitation-state-accepted = Accepted
invitation-state-declined = Declined
invitation-state-revoked = Revoked
invitation-state-expired = Expired

invitation-access-reseller = Reseller relationship
invitation-access-reseller-dap = Reseller relationship and delegated admin privileges (DAP)
invitation-access-reseller-gdap = Reseller relationship and granular delegated admin privileges (GDAP)

## Relationships

relationship-state-active = Active
relationship-state-ended = Ended

relationship-type-direct-reseller = Direct reseller
relationship-type-indirect-provider = Indirect provider
relationship-type-indirect-reseller = Indirect reseller

## Admin access

admin-access-kind-dap = Delegated admin privileges (DAP)
admin-access-kind-gdap = Granular delegated admin privileges (GDAP)

admin-access-state-active = Active
admin-access-state-expired = Expired
admin-access-state-removed = Removed

## Roles and tenants

role-admin-agent = Admin agent
role-sales-agent = Sales agent
role-helpdesk-agent = Helpdesk agent
role-global-admin = Global Administrator
role-user = User
role-platform-admin = Platform administrator

tenant-kind-partner = Partner
tenant-kind-customer = Customer
tenant-kind-operator = Platform operator
