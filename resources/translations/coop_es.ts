<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_PE" sourcelanguage="es_PE">
<context>
    <name>AfterClose</name>
    <message numerus="yes">
        <location filename="../../ui/closeout/after_close.py" line="81" />
        <source>%Ln liquidación(es) pagada(s)</source>
        <translation><numerusform>%Ln liquidación pagada</numerusform><numerusform>%Ln liquidaciones pagadas</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/after_close.py" line="159" />
        <source>%Ln liquidación(es) anulada(s)</source>
        <translation><numerusform>%Ln liquidación anulada</numerusform><numerusform>%Ln liquidaciones anuladas</numerusform></translation>
    </message>
    </context>
<context>
    <name>AuditView</name>
    <message numerus="yes">
        <location filename="../../ui/admin/audit_view.py" line="173" />
        <source>%Ln registro(s) (los más recientes primero).</source>
        <translation><numerusform>%Ln registro (los más recientes primero).</numerusform><numerusform>%Ln registros (los más recientes primero).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/admin/audit_view.py" line="236" />
        <source>Cadena de auditoría íntegra: %Ln registro(s); el último es el n.º %2, huella %3.</source>
        <translation><numerusform>Cadena de auditoría íntegra: %Ln registro; el último es el n.º %2, huella %3.</numerusform><numerusform>Cadena de auditoría íntegra: %Ln registros; el último es el n.º %2, huella %3.</numerusform></translation>
    </message>
</context>
<context>
    <name>CentresView</name>
    <message numerus="yes">
        <location filename="../../ui/collection/centres_view.py" line="146" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln socio</numerusform><numerusform>%Ln socios</numerusform></translation>
    </message>
    </context>
<context>
    <name>CloseoutView</name>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="253" />
        <source>No se puede cerrar todavía: faltan %Ln análisis (ver avisos).</source>
        <translation><numerusform>No se puede cerrar todavía: falta %Ln análisis (ver avisos).</numerusform><numerusform>No se puede cerrar todavía: faltan %Ln análisis (ver avisos).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="224" />
        <location filename="../../ui/closeout/closeout_view.py" line="366" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln socio</numerusform><numerusform>%Ln socios</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="234" />
        <source>%Ln pagada(s)</source>
        <translation><numerusform>%Ln pagada</numerusform><numerusform>%Ln pagadas</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="371" />
        <source>La vista previa tiene %Ln aviso(s).</source>
        <translation><numerusform>La vista previa tiene %Ln aviso.</numerusform><numerusform>La vista previa tiene %Ln avisos.</numerusform></translation>
    </message>
    </context>
<context>
    <name>CollectionView</name>
    <message numerus="yes">
        <location filename="../../ui/collection/collection_view.py" line="371" />
        <source>%Ln entrega(s)</source>
        <translation><numerusform>%Ln entrega</numerusform><numerusform>%Ln entregas</numerusform></translation>
    </message>
    </context>
<context>
    <name>DeliveriesView</name>
    <message numerus="yes">
        <location filename="../../ui/collection/deliveries_view.py" line="261" />
        <source>%Ln entrega(s)</source>
        <translation><numerusform>%Ln entrega</numerusform><numerusform>%Ln entregas</numerusform></translation>
    </message>
    </context>
<context>
    <name>DocumentsView</name>
    <message numerus="yes">
        <location filename="../../ui/documents/documents_view.py" line="185" />
        <source>%1: %Ln página(s)%3</source>
        <translation><numerusform>%1: %Ln página%3</numerusform><numerusform>%1: %Ln páginas%3</numerusform></translation>
    </message>
    </context>
<context>
    <name>HomeView</name>
    <message numerus="yes">
        <location filename="../../ui/home/home_view.py" line="163" />
        <source>%Ln entrega(s)</source>
        <translation><numerusform>%Ln entrega</numerusform><numerusform>%Ln entregas</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/home/home_view.py" line="187" />
        <location filename="../../ui/home/home_view.py" line="260" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln socio</numerusform><numerusform>%Ln socios</numerusform></translation>
    </message>
    </context>
<context>
    <name>PaymentDialog</name>
    <message numerus="yes">
        <location filename="../../ui/closeout/money_actions.py" line="42" />
        <source>Se pagará a todos los %Ln socios por pagar de %1 — %2.</source>
        <translation><numerusform>Se pagará al único socio por pagar de %1 — %2.</numerusform><numerusform>Se pagará a todos los %Ln socios por pagar de %1 — %2.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/money_actions.py" line="44" />
        <source>Se pagará a %Ln socio(s) seleccionado(s) de %1 — %2.</source>
        <translation><numerusform>Se pagará a %Ln socio seleccionado de %1 — %2.</numerusform><numerusform>Se pagará a %Ln socios seleccionados de %1 — %2.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/money_actions.py" line="54" />
        <source>… y %Ln más</source>
        <translation><numerusform>… y %Ln más</numerusform><numerusform>… y %Ln más</numerusform></translation>
    </message>
    </context>
<context>
    <name>PrintWords</name>
    <message numerus="yes">
        <location filename="../../ui/printing/print_jobs.py" line="116" />
        <source>%Ln página(s) enviada(s) a %1.</source>
        <translation><numerusform>%Ln página enviada a %1.</numerusform><numerusform>%Ln páginas enviadas a %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>RouteView</name>
    <message numerus="yes">
        <location filename="../../ui/collection/route_view.py" line="253" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln socio</numerusform><numerusform>%Ln socios</numerusform></translation>
    </message>
    </context>
<context>
    <name>WhatIfPanel</name>
    <message numerus="yes">
        <location filename="../../ui/prices/price_tools.py" line="275" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln socio</numerusform><numerusform>%Ln socios</numerusform></translation>
    </message>
</context>
</TS>