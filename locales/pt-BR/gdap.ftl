# Nomes e descrições dos enums do domínio e do catálogo de funções do GDAP.
# As chaves vêm de message_key() / description_key() em src/domain; mantenha os idiomas em sincronia.

## Catálogo de funções do GDAP (funções internas do Microsoft Entra)

gdap-role-global-administrator = Administrador global
gdap-role-global-administrator-desc = Controle total de todas as configurações, usuários e serviços da sua organização.
gdap-role-helpdesk-administrator = Administrador de assistência técnica
gdap-role-helpdesk-administrator-desc = Redefinir senhas e gerenciar solicitações de suporte de usuários que não são administradores.
gdap-role-user-administrator = Administrador de usuários
gdap-role-user-administrator-desc = Criar e gerenciar usuários e grupos, e redefinir as senhas da maioria dos usuários.
gdap-role-exchange-administrator = Administrador do Exchange
gdap-role-exchange-administrator-desc = Gerenciar caixas de correio, fluxo de emails e configurações de email do Exchange Online.
gdap-role-sharepoint-administrator = Administrador do SharePoint
gdap-role-sharepoint-administrator-desc = Gerenciar sites do SharePoint Online e do OneDrive e as configurações deles.
gdap-role-teams-administrator = Administrador do Teams
gdap-role-teams-administrator-desc = Gerenciar o Microsoft Teams, incluindo reuniões, chamadas e configurações das equipes.
gdap-role-security-reader = Leitor de segurança
gdap-role-security-reader-desc = Ler relatórios, alertas e configurações de segurança sem alterá-los.
gdap-role-billing-administrator = Administrador de cobrança
gdap-role-billing-administrator-desc = Fazer compras, gerenciar assinaturas e cobrança, e tratar solicitações de suporte de cobrança.
gdap-role-license-administrator = Administrador de licenças
gdap-role-license-administrator-desc = Atribuir e remover licenças de produtos para usuários e grupos.
gdap-role-directory-readers = Leitores de diretório
gdap-role-directory-readers-desc = Ler informações básicas do diretório, como usuários, grupos e dispositivos.
gdap-role-global-reader = Leitor global
gdap-role-global-reader-desc = Ver tudo o que um administrador global pode ver, sem alterar nada.
gdap-role-service-support-administrator = Administrador de suporte do serviço
gdap-role-service-support-administrator-desc = Ler a integridade do serviço e abrir e gerenciar solicitações de suporte junto à Microsoft.

## Convites

invitation-state-pending = Pendente
invitation-state-accepted = Aceito
invitation-state-declined = Recusado
invitation-state-revoked = Revogado
invitation-state-expired = Expirado

invitation-access-reseller = Relação de revendedor
invitation-access-reseller-dap = Relação de revendedor e privilégios de administrador delegado (DAP)
invitation-access-reseller-gdap = Relação de revendedor e privilégios de administrador delegado granular (GDAP)

## Relações

relationship-state-active = Ativa
relationship-state-ended = Encerrada

relationship-type-direct-reseller = Revendedor direto
relationship-type-indirect-provider = Provedor indireto
relationship-type-indirect-reseller = Revendedor indireto

## Acesso de administrador

admin-access-kind-dap = Privilégios de administrador delegado (DAP)
admin-access-kind-gdap = Privilégios de administrador delegado granular (GDAP)

admin-access-state-active = Ativo
admin-access-state-expired = Expirado
admin-access-state-removed = Removido

## Funções e locatários

role-admin-agent = Agente administrador
role-sales-agent = Agente de vendas
role-helpdesk-agent = Agente de assistência técnica
role-global-admin = Administrador global
role-user = Usuário
role-platform-admin = Administrador da plataforma

tenant-kind-partner = Parceiro
tenant-kind-customer = Cliente
tenant-kind-operator = Operador da plataforma
