# Falhas de entrada causadas pela configuração do portal, não pelo usuário.
signin-error-misconfigured = A entrada não está configurada corretamente neste portal e não funcionará até que um administrador a corrija. A causa está no log do portal, e o comando `multipartner doctor` a indica.
