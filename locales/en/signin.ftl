# Sign-in failures that are the portal's set-up, not the user's doing.
signin-error-misconfigured = Sign-in is not set up correctly on this portal, so it cannot work until an administrator fixes it. The cause is in the portal's log, and `multipartner doctor` names it.
