# O lado do cliente: o link do convite (aceitar ou recusar), os parceiros e as assinaturas do
# cliente. Mantenha em sincronia com locales/en/customer.ftl (mesmas chaves).

## Mensagens usadas pelos fluxos

partner-error-no-admin-access = Este parceiro não tem acesso de administrador ativo para remover. Nada foi alterado.
partner-error-not-active = Esta relação já foi encerrada. Nada foi alterado.

## Mensagens exibidas uma vez após uma ação

customer-flash-accepted = Convite aceito. Seus outros parceiros e todas as suas assinaturas continuam iguais.
customer-flash-declined = Convite recusado. Nada mais foi alterado.
customer-flash-access-removed = Acesso de administrador removido. A relação e as suas assinaturas continuam iguais.
customer-flash-relationship-ended = Relação encerrada. As assinaturas dela continuam iguais, com o mesmo Parceiro de registro.

## Palavras comuns

customer-col-partner = Parceiro
customer-col-partner-id = ID do parceiro
customer-col-relationship = Relação
customer-col-state = Estado
customer-col-since = Desde
customer-col-admin-access = Acesso de administrador
customer-col-partner-of-record = Parceiro de registro
customer-col-offer = Oferta
customer-col-quantity = Quantidade
customer-col-status = Status
customer-col-term = Prazo
customer-via-provider = por meio de { $provider }
customer-yes = Sim
customer-no = Não
customer-cancel = Cancelar
customer-what-happens = O que acontece
customer-ended-on = encerrada em { $date }
customer-ended-by-you = Encerrada pela sua organização em { $date }
customer-ended-by-partner = Encerrada por { $partner } em { $date }
customer-access-terminated-by = Acesso de administrador encerrado por { $partner } em { $date }
customer-back-to-partners = Voltar aos seus parceiros
customer-back-to-partner = Voltar a { $partner }
customer-see-partners = Ver seus parceiros
customer-see-subscriptions = Ver todas as suas assinaturas

## Acesso de administrador

customer-access-heading = Acesso de administrador
customer-access-none = Este parceiro não tem acesso de administrador na sua organização: ele não pode gerenciar seus usuários nem suas configurações.
customer-no-admin-access = Nenhum
customer-dap-roles = Administrador global para os agentes administradores do parceiro e administrador de assistência técnica para os agentes de assistência técnica dele

## Seus parceiros

customer-partners-title = Seus parceiros
customer-partners-lead = Cada parceiro que trabalha com { $customer }, o acesso de administrador de cada um e se ele é o Parceiro de registro de alguma das suas assinaturas. Cada parceiro é independente dos outros.
customer-partners-empty = Você ainda não trabalha com nenhum parceiro. Um parceiro envia a você um link de convite; abra-o conectado como administrador global para analisá-lo e aceitar ou recusar.

## Um parceiro

customer-partner-lead-active = Seu parceiro desde { $date }.
customer-partner-lead-ended = Esta relação foi encerrada. O parceiro continua sendo o Parceiro de registro das assinaturas que vendeu a você.
customer-partner-facts = Sobre este parceiro
customer-partner-ended = Encerrada
customer-end-reason = Motivo
customer-history-heading = Histórico da relação
customer-actions-heading = Gerenciar este parceiro
customer-action-remove-access = Remover o acesso de administrador
customer-action-end = Encerrar a relação
customer-actions-hint = Cada ação pede a sua confirmação antes. Nenhuma delas altera qualquer assinatura.
customer-actions-read-only = Somente um administrador global da sua organização pode remover o acesso de administrador ou encerrar uma relação.
customer-partner-subs-heading = Assinaturas que têm este parceiro como Parceiro de registro
customer-partner-subs-none = Este parceiro não é o Parceiro de registro de nenhuma das suas assinaturas.
customer-partner-subs-guarantee = Estas assinaturas continuam como estão, seja o que for que você fizer com o acesso ou a relação deste parceiro.

## Remover o acesso de administrador

customer-remove-title = Remover o acesso de administrador de { $partner }?
customer-remove-current = Acesso de administrador atual
customer-remove-effect-access = { $partner } perde imediatamente estas funções de administrador na sua organização.
customer-remove-effect-relationship = A relação de revendedor continua: { $partner } segue sendo seu parceiro.
customer-remove-effect-again = Para ter acesso de administrador novamente, { $partner } precisa enviar um novo convite a você.
customer-remove-effect-subscriptions = Suas assinaturas não mudam: o status, as quantidades, os termos, a propriedade e o Parceiro de registro delas ficam exatamente como estão.
customer-remove-confirm = Remover o acesso de administrador
customer-remove-none = { $partner } não tem acesso de administrador ativo na sua organização, portanto não há nada a remover.

## Encerrar uma relação

customer-end-title = Encerrar a relação com { $partner }?
customer-end-effect-relationship = { $partner } deixa de ser seu parceiro e não pode mais fazer novos pedidos para você.
customer-end-effect-access = O acesso de administrador que { $partner } tem é removido ao mesmo tempo.
customer-end-effect-others = Seus outros parceiros não são afetados.
customer-end-subs-heading = O que acontece com as assinaturas vendidas por { $partner }: nada
customer-end-subs-text = Estas assinaturas continuam iguais. { $partner } continua sendo o Parceiro de registro delas, e o status, as quantidades, os termos e a propriedade delas não mudam. Nada é cancelado.
customer-end-subs-none = { $partner } não é o Parceiro de registro de nenhuma das suas assinaturas.
customer-end-legend = Confirme o encerramento desta relação
customer-end-reason-label = Motivo (opcional)
customer-end-reason-hint = Guardado com a relação para os seus registros. No máximo 500 caracteres.
customer-end-reason-invalid = A relação não foi encerrada: o motivo não pode ser enviado como foi digitado. Nada foi alterado.
customer-end-confirm = Encerrar a relação
customer-end-not-active = A relação com { $partner } já foi encerrada. Não há mais nada a fazer.

## Assinaturas

customer-subscriptions-title = Suas assinaturas
customer-subscriptions-lead = Todas as assinaturas de { $customer }, com o parceiro que é o Parceiro de registro de cada uma. Adicionar, remover ou encerrar um parceiro nunca as altera.
customer-subscriptions-empty = Você ainda não tem assinaturas.

## O link do convite

accept-title = Convite de { $partner }
accept-lead = { $partner } convida { $customer } para uma relação de revendedor. Leia o que está sendo solicitado e, em seguida, aceite ou recuse.
accept-partner-heading = Quem está convidando você
accept-partner-type = Tipo de parceiro
accept-partner-provider = Vende por meio de
accept-expires = Válido até
accept-message = Mensagem do parceiro
accept-asked-heading = O que { $partner } solicita
accept-relationships-intro = Aceitar cria uma relação de revendedor com:
accept-relationship-meaning = Uma relação de revendedor permite que um parceiro venda novas assinaturas a você e dê suporte a você. Ela não transfere nenhuma assinatura que você já tem.
accept-already-partner = { $partner } já é seu parceiro. Aceitar adiciona somente o acesso de administrador abaixo.
accept-access-none = Nenhum. { $partner } não poderá gerenciar seus usuários nem suas configurações.
accept-access-dap = Privilégios de administrador delegado (DAP): os agentes administradores de { $partner } se tornam administradores globais da sua organização, e os agentes de assistência técnica dele, administradores de assistência técnica. O DAP não tem data de término; você pode removê-lo a qualquer momento.
accept-access-gdap = Privilégios de administrador delegado granular (GDAP): somente as funções abaixo, por tempo limitado.
accept-role-col = Função
accept-role-what = O que ela permite que { $partner } faça
accept-duration = Duração
accept-duration-days =
    { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }
accept-duration-until = até { $date } se você aceitar hoje
accept-renewal = Renovação
accept-auto-extend-on = É renovado automaticamente por 180 dias ao final, até que você ou o parceiro o removam.
accept-auto-extend-off = Termina automaticamente na data de término; não é renovado.
accept-held-dap = { $partner } já tem DAP na sua organização, que é o que este convite solicita.
accept-held-gdap-asked-dap = { $partner } tem GDAP na sua organização somente com estas funções: { $roles }. Este convite solicita DAP, que é muito mais amplo: aceitar adiciona o DAP, e as funções GDAP continuam até que você as remova.
accept-held-dap-asked-gdap = { $partner } tem DAP na sua organização. Este convite solicita GDAP com as funções listadas aqui: aceitar as adiciona, e o DAP continua até que você o remova em Seus parceiros.
accept-held-gdap-covered = { $partner } já tem todas as funções GDAP que este convite solicita.
accept-held-gdap-missing = { $partner } já tem GDAP na sua organização, mas não estas funções que este convite solicita: { $roles }. Aceitar adiciona uma concessão com as funções listadas aqui.
accept-held-gdap-extra = Ele também tem funções que este convite não solicita: { $roles }. Elas continuam como estão.
accept-others-heading = Seus outros parceiros continuam
accept-others-list = { $partner } se junta aos parceiros que você já tem. Todos eles continuam, com o acesso inalterado:
accept-others-none = No momento, você não tem outros parceiros.
accept-guarantee-heading = O que não muda
accept-guarantee-subscriptions = Suas assinaturas existentes não mudam: o status e as quantidades delas ficam como estão.
accept-guarantee-ownership = Sua organização mantém a propriedade das assinaturas, dos usuários e dos dados dela.
accept-guarantee-terms = Os termos das suas assinaturas existentes não mudam.
accept-guarantee-por = O Parceiro de registro de cada assinatura existente continua o mesmo.
accept-guarantee-control = Você pode remover o acesso de administrador ou encerrar a relação a qualquer momento em Seus parceiros.
accept-decision-legend = Sua decisão
accept-authorise = Autorizo { $partner } a se tornar parceiro de { $customer } com o acesso descrito acima.
accept-authorise-required = Para aceitar, marque a caixa para confirmar que você autoriza isso. Nada foi alterado.
accept-button = Aceitar
accept-decline-heading = Não tem interesse?
accept-decline-text = A recusa é definitiva: este link deixa de funcionar e { $partner } é informado da recusa. Nada mais muda.
accept-decline-button = Recusar
decline-title = Recusar o convite de { $partner }?
decline-back = Voltar ao convite
decline-effect-told = { $partner } verá que você recusou: ele não se torna seu parceiro e não recebe nenhum acesso.
decline-effect-final = Isso não pode ser desfeito: o link deixa de funcionar para sempre. Para trabalhar com { $partner } mais tarde, peça um novo convite.
decline-effect-nothing-else = Nada mais muda: seus outros parceiros, o acesso deles e suas assinaturas continuam como estão.
decline-confirm = Recusar o convite

## O link do convite não pode ser usado

accept-not-found-title = Convite não encontrado
accept-not-found = Não encontramos este convite. Verifique se você abriu o link completo da mensagem do parceiro. Se ainda assim não funcionar, peça um novo convite ao parceiro.
accept-refused-nothing-changed = Nada foi alterado.
accept-refused-not-global-admin-title = Somente um administrador global pode aceitar este convite
accept-refused-not-global-admin = Você está conectado como { $name }, de { $tenant }. Somente um administrador global da organização cliente convidada pode aceitar ou recusar um convite de relação de revendedor. Encaminhe o link ao seu administrador global, ou saia e abra o link novamente com uma conta de administrador global.
accept-refused-wrong-customer-title = Este convite é para outra organização
accept-refused-wrong-customer = O parceiro endereçou este convite a uma organização cliente diferente de { $tenant }. Se você o esperava, peça ao parceiro que envie um convite para a sua organização.
accept-refused-expired-title = Este convite expirou
accept-refused-expired = Os convites são válidos por tempo limitado. Peça ao parceiro que envie um novo a você.
accept-refused-revoked-title = Este convite foi retirado
accept-refused-revoked = O parceiro retirou este convite. Se você ainda quiser trabalhar com ele, peça um novo.
accept-refused-used-title = Este convite já foi usado
accept-refused-used = Cada convite só pode ser aceito ou recusado uma vez, e isso já aconteceu com este.
accept-refused-already-partner-title = Já é seu parceiro
accept-refused-already-partner = { $partner } já trabalha com você, e aceitar este convite não mudaria nada.
accept-refused-no-access-asked = Este convite não solicita nenhum acesso de administrador.
accept-see-partner = Ver este parceiro
accept-sign-out = Sair
