<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="es_PE">
<context>
    <name>AccountPanel</name>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="54" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="55" />
        <source>Concepto</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="56" />
        <location filename="../../ui/sales/account_panel.py" line="69" />
        <source>Referencia</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="57" />
        <source>Monto</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="58" />
        <source>Saldo</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="67" />
        <source>Monto recibido</source>
        <translation>Amount received</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="70" />
        <source>Registrar pago</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="76" />
        <source>Revertir pago…</source>
        <translation>Reverse payment…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="78" />
        <source>Comparar con la liquidación del comprador…</source>
        <translation>Compare with the buyer's statement…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="92" />
        <source>&lt;b&gt;Sin compradores&lt;/b&gt;</source>
        <translation>&lt;b&gt;No buyers&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="96" />
        <source>&lt;b&gt;Cuenta de %1&lt;/b&gt; — saldo por cobrar %2</source>
        <translation>&lt;b&gt;Account of %1&lt;/b&gt; — balance owed %2</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="135" />
        <source>Pago registrado.</source>
        <translation>Payment recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="141" />
        <source>Elija el pago a revertir.</source>
        <translation>Choose the payment to reverse.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="145" />
        <source>Revertir pago</source>
        <translation>Reverse payment</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="145" />
        <source>Motivo de la reversión:</source>
        <translation>Reason for the reversal:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="154" />
        <source>Pago revertido.</source>
        <translation>Payment reversed.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="162" />
        <source>Liquidación del comprador</source>
        <translation>The buyer's statement</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="164" />
        <source>Hojas de cálculo (*.csv *.xlsx)</source>
        <translation>Spreadsheets (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="174" />
        <source>%1 filas leídas; días que difieren: %2.</source>
        <translation>%1 rows read; days that differ: %2.</translation>
    </message>
</context>
<context>
    <name>AccountsView</name>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="61" />
        <source>Ver cuenta</source>
        <translation>Show account</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="77" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="78" />
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="79" />
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="80" />
        <source>Monto S/</source>
        <translation>Amount S/</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="81" />
        <source>Saldo S/</source>
        <translation>Balance S/</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="97" />
        <source>Adelanto en efectivo</source>
        <translation>Cash advance</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="98" />
        <location filename="../../ui/accounts/accounts_view.py" line="135" />
        <location filename="../../ui/accounts/accounts_view.py" line="149" />
        <location filename="../../ui/accounts/accounts_view.py" line="170" />
        <source>Monto S/:</source>
        <translation>Amount S/:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="99" />
        <source>Registrar adelanto</source>
        <translation>Record advance</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="106" />
        <source>Insumo al crédito</source>
        <translation>Input on credit</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="107" />
        <source>Producto:</source>
        <translation>Product:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="107" />
        <source>Cantidad:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="108" />
        <source>Registrar venta</source>
        <translation>Record sale</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="113" />
        <source>saco 40 kg, frasco, kg…</source>
        <translation>40 kg sack, bottle, kg…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="115" />
        <source>Catálogo de insumos</source>
        <translation>Input catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="118" />
        <source>Unidad:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="119" />
        <source>Precio S/:</source>
        <translation>Price S/:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="120" />
        <source>Agregar al catálogo</source>
        <translation>Add to the catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="127" />
        <source>Positivo: a favor del socio</source>
        <translation>Positive: in the member's favour</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="130" />
        <source>N° de movimiento (opcional)</source>
        <translation>Entry No. (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="133" />
        <source>Ajuste</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="136" />
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="137" />
        <source>Corrige:</source>
        <translation>Corrects:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="139" />
        <source>Registrar ajuste</source>
        <translation>Record adjustment</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="148" />
        <source>Préstamo</source>
        <translation>Loan</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="149" />
        <source>Cuotas:</source>
        <translation>Instalments:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="150" />
        <source>Registrar préstamo</source>
        <translation>Record loan</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="157" />
        <source>Nombre en la liquidación (opcional)</source>
        <translation>Name on the settlement (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="165" />
        <source>Cargos recurrentes (los aplica cada cierre)</source>
        <translation>Recurring charges (applied by every close)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="168" />
        <source>Tipo:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="250" />
        <source>Adelanto registrado, recibo %1.</source>
        <translation>Advance recorded, receipt %1.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="117" />
        <location filename="../../ui/accounts/accounts_view.py" line="169" />
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="171" />
        <source>Se cobra:</source>
        <translation>Charged:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="172" />
        <source>Desde:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="173" />
        <source>Agregar cargo</source>
        <translation>Add charge</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="260" />
        <source>adelanto-%1</source>
        <translation>advance-%1</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="276" />
        <source>Cuotas: %1</source>
        <translation>Instalments: %1</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="277" />
        <source>Registrado.</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="307" />
        <source>Guardando…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="331" />
        <source>Producto agregado al catálogo: %1</source>
        <translation>Product added to the catalogue: %1</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="356" />
        <source>Cargo agregado: lo aplica cada cierre desde esa fecha.</source>
        <translation>Charge added: every close applies it from that date.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="385" />
        <source>Ninguno todavía.</source>
        <translation>None yet.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="161" />
        <location filename="../../ui/accounts/accounts_view.py" line="382" />
        <source>por litro</source>
        <translation>per litre</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/accounts_view.py" line="160" />
        <location filename="../../ui/accounts/accounts_view.py" line="382" />
        <source>por periodo</source>
        <translation>per period</translation>
    </message>
</context>
<context>
    <name>AdjustmentDialog</name>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="115" />
        <source>Registrar ajuste</source>
        <translation>Record adjustment</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="122" />
        <source>El periodo %1 está cerrado. El ajuste se registra en el primer día del periodo abierto siguiente (%2) y se liquida en su cierre.</source>
        <translation>Period %1 is closed. The adjustment is recorded on the first day of the next open period (%2) and settled when that period closes.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="131" />
        <source>Positivo: a favor del socio</source>
        <translation>Positive: in the member's favour</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="133" />
        <source>Socio:</source>
        <translation>Member:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="134" />
        <source>Monto S/:</source>
        <translation>Amount S/:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="135" />
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>AfterClose</name>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="59" />
        <source>Las liquidaciones elegidas ya están pagadas.</source>
        <translation>The chosen settlements are already paid.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="61" />
        <source>No hay liquidaciones por pagar en %1.</source>
        <translation>Nothing is left to pay in %1.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="73" />
        <source>No se registró ningún pago.</source>
        <translation>No payment was recorded.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/after_close.py" line="81" />
        <source>%Ln liquidación(es) pagada(s)</source>
        <translation><numerusform>%Ln settlement paid</numerusform><numerusform>%Ln settlements paid</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="106" />
        <location filename="../../ui/closeout/after_close.py" line="113" />
        <source>Revertir un pago</source>
        <translation>Reverse a payment</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="107" />
        <source>Código del socio:</source>
        <translation>Member code:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="113" />
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="124" />
        <source>Pago de %1 revertido; la liquidación vuelve a estar por pagar.</source>
        <translation>Payment of %1 reversed; the settlement is unpaid again.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="144" />
        <source>Reabrir periodo</source>
        <translation>Reopen period</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="145" />
        <source>Motivo para reabrir %1:</source>
        <translation>Reason to reopen %1:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="157" />
        <source>Periodo %1 reabierto; %2.</source>
        <translation>Period %1 reopened; %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/after_close.py" line="159" />
        <source>%Ln liquidación(es) anulada(s)</source>
        <translation><numerusform>%Ln settlement voided</numerusform><numerusform>%Ln settlements voided</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="167" />
        <source>Reabriendo el periodo…</source>
        <translation>Reopening the period…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="177" />
        <source>Recibos A5</source>
        <translation>A5 receipts</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="178" />
        <source>Recibos de 80 mm</source>
        <translation>80 mm receipts</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="179" />
        <source>Recibos de 58 mm</source>
        <translation>58 mm receipts</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="182" />
        <source>Recibos</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="186" />
        <source>Estados de cuenta</source>
        <translation>Statements</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="187" />
        <source>Planilla de pago</source>
        <translation>Payroll</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="190" />
        <source>Documento:</source>
        <translation>Document:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="202" />
        <source>Imprimir</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="228" />
        <source>recibos</source>
        <translation>receipts</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="229" />
        <source>estados</source>
        <translation>statements</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="230" />
        <source>planilla</source>
        <translation>payroll</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="238" />
        <location filename="../../ui/closeout/after_close.py" line="244" />
        <source>Guardar PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="246" />
        <source>Documentos PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="258" />
        <source>Guardado en %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/after_close.py" line="265" />
        <source>Preparando los documentos…</source>
        <translation>Preparing the documents…</translation>
    </message>
</context>
<context>
    <name>AnalyzerPanel</name>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="65" />
        <source>Pares CLAVE=VALOR (FAT=3.5 SNF=8.2)</source>
        <translation>KEY=VALUE pairs (FAT=3.5 SNF=8.2)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="66" />
        <source>Lactoscan (columnas)</source>
        <translation>Lactoscan (columns)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="67" />
        <source>Ekomilk (columnas)</source>
        <translation>Ekomilk (columns)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="68" />
        <source>Milkotester (pares)</source>
        <translation>Milkotester (pairs)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="69" />
        <source>Patrón propio</source>
        <translation>Own pattern</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="75" />
        <source>FAT=(?P&lt;fat&gt;\S+) SNF=(?P&lt;snf&gt;\S+)</source>
        <translation>FAT=(?P&lt;fat&gt;\S+) SNF=(?P&lt;snf&gt;\S+)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="85" />
        <location filename="../../ui/quality/analyzer_panel.py" line="119" />
        <source>Conectar analizador</source>
        <translation>Connect analyzer</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="88" />
        <source>Analizador:</source>
        <translation>Analyzer:</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="104" />
        <source>Descartar resultado</source>
        <translation>Discard result</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="120" />
        <source>Desconectado.</source>
        <translation>Disconnected.</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="127" />
        <source>Desconectar</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="129" />
        <source>Esperando resultados en %1…</source>
        <translation>Waiting for results on %1…</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="137" />
        <source>Línea descartada: %1</source>
        <translation>Line discarded: %1</translation>
    </message>
    <message>
        <location filename="../../ui/quality/analyzer_panel.py" line="148" />
        <source>Resultado en el formulario: elija el socio y pulse Enter para guardarlo.</source>
        <translation>Result in the form: choose the member and press Enter to save it.</translation>
    </message>
</context>
<context>
    <name>AssociationBox</name>
    <message>
        <location filename="../../ui/admin/association_box.py" line="17" />
        <source>Asociación</source>
        <translation>Association</translation>
    </message>
    <message>
        <location filename="../../ui/admin/association_box.py" line="22" />
        <source>11 dígitos, por ejemplo 20131312955</source>
        <translation>11 digits, for example 20131312955</translation>
    </message>
    <message>
        <location filename="../../ui/admin/association_box.py" line="24" />
        <source>Guardar RUC</source>
        <translation>Save RUC</translation>
    </message>
    <message>
        <location filename="../../ui/admin/association_box.py" line="27" />
        <source>RUC:</source>
        <translation>RUC:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/association_box.py" line="41" />
        <source>RUC guardado: %1. Los recibos salen como liquidación de compra.</source>
        <translation>RUC saved: %1. Receipts print as purchase settlements.</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="61" />
        <location filename="../../ui/admin/audit_view.py" line="82" />
        <source>usuario</source>
        <translation>user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="46" />
        <source>asociación</source>
        <translation>association</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="47" />
        <source>socio</source>
        <translation>member</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="48" />
        <source>entrega</source>
        <translation>delivery</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="49" />
        <source>análisis</source>
        <translation>test</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="50" />
        <source>movimiento de cuenta</source>
        <translation>account entry</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="51" />
        <source>cargo</source>
        <translation>charge</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="52" />
        <source>préstamo</source>
        <translation>loan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="53" />
        <source>producto</source>
        <translation>product</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="54" />
        <source>periodo</source>
        <translation>period</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="55" />
        <source>liquidación</source>
        <translation>settlement</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="56" />
        <source>esquema de precios</source>
        <translation>price scheme</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="57" />
        <source>centro de acopio</source>
        <translation>collection centre</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="58" />
        <source>ruta</source>
        <translation>route</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="59" />
        <source>importación</source>
        <translation>import</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="60" />
        <source>configuración</source>
        <translation>settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="62" />
        <source>permiso</source>
        <translation>permission</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="63" />
        <source>base de datos</source>
        <translation>database</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="64" />
        <source>registro de auditoría</source>
        <translation>audit record</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="84" />
        <source>todas las entidades</source>
        <translation>every entity</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="87" />
        <source>Del</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="90" />
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="92" />
        <source>Verificar la cadena</source>
        <translation>Verify the chain</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="99" />
        <source>al</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="109" />
        <source>N.º</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="110" />
        <source>Fecha y hora</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="111" />
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="112" />
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="113" />
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="114" />
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/admin/audit_view.py" line="173" />
        <source>%Ln registro(s) (los más recientes primero).</source>
        <translation><numerusform>%Ln entry (newest first).</numerusform><numerusform>%Ln entries (newest first).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/admin/audit_view.py" line="236" />
        <source>Cadena de auditoría íntegra: %Ln registro(s); el último es el n.º %2, huella %3.</source>
        <translation><numerusform>Audit chain intact: %Ln entry; the last is no. %2, fingerprint %3.</numerusform><numerusform>Audit chain intact: %Ln entries; the last is no. %2, fingerprint %3.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="179" />
        <source>alta</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="180" />
        <source>modificación</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="181" />
        <source>eliminación</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="182" />
        <source>cambio de estado</source>
        <translation>status change</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="183" />
        <source>impresión</source>
        <translation>print</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="184" />
        <source>cierre</source>
        <translation>close</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="185" />
        <source>reapertura</source>
        <translation>reopen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="186" />
        <source>pago</source>
        <translation>payment</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="187" />
        <source>reversión de pago</source>
        <translation>payment reversed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="188" />
        <source>anulación</source>
        <translation>void</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="189" />
        <source>ingreso</source>
        <translation>sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="190" />
        <source>ingreso fallido</source>
        <translation>failed sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="191" />
        <source>rechazado (rol)</source>
        <translation>refused (role)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="192" />
        <source>contraseña</source>
        <translation>password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="193" />
        <source>desactivación</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="194" />
        <source>activación</source>
        <translation>enabled</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="195" />
        <source>datos de demostración</source>
        <translation>demo data</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="196" />
        <source>restauración</source>
        <translation>restore</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="197" />
        <source>sello de registros anteriores</source>
        <translation>seal of earlier records</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="207" />
        <source>Antes:</source>
        <translation>Before:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="209" />
        <source>Después:</source>
        <translation>After:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="215" />
        <source>Verificando…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="220" />
        <source>Verificando la cadena de auditoría…</source>
        <translation>Checking the audit chain…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/audit_view.py" line="228" />
        <source>La cadena de auditoría está rota:</source>
        <translation>The audit chain is broken:</translation>
    </message>
</context>
<context>
    <name>BalanceView</name>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="57" />
        <source>Mostrar</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="59" />
        <source>Desde:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="61" />
        <source>Hasta:</source>
        <translation>Until:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="67" />
        <source>Fijar umbral</source>
        <translation>Set threshold</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="69" />
        <source>Umbral de merma (%):</source>
        <translation>Shrinkage threshold (%):</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="133" />
        <source>Entró %1, salió %2; merma %3 (%4). Tránsito %5. Días en ámbar (más de %6): %7.</source>
        <translation>In %1, out %2; shrinkage %3 (%4). Transit %5. Amber days (above %6): %7.</translation>
    </message>
</context>
<context>
    <name>BuyerField</name>
    <message>
        <location filename="../../ui/sales/buyer_lookup.py" line="54" />
        <source>Código o nombre del comprador</source>
        <translation>Buyer's code or name</translation>
    </message>
</context>
<context>
    <name>BuyersTab</name>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="41" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="41" />
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="41" />
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="41" />
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="47" />
        <source>Comprador y precio</source>
        <translation>Buyer and price</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="54" />
        <source>Planta</source>
        <translation>Plant</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="55" />
        <source>Quesería</source>
        <translation>Cheese maker</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="56" />
        <source>Planta propia</source>
        <translation>Own plant</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="57" />
        <source>Venta local</source>
        <translation>Local sale</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="61" />
        <source>Código:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="62" />
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="63" />
        <source>RUC:</source>
        <translation>RUC:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="64" />
        <source>Tipo:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="69" />
        <source>Nuevo precio del elegido</source>
        <translation>New price for the selected one</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="123" />
        <source>Comprador agregado: %1 (%2).</source>
        <translation>Buyer added: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="133" />
        <source>Elija el comprador.</source>
        <translation>Choose the buyer.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="142" />
        <source>Precio de %1 desde el %2: %3.</source>
        <translation>Price of %1 from %2: %3.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/buyers_tab.py" line="67" />
        <source>Agregar comprador</source>
        <translation>Add buyer</translation>
    </message>
</context>
<context>
    <name>CentresView</name>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="50" />
        <source>&lt;b&gt;Centros de acopio&lt;/b&gt;</source>
        <translation>&lt;b&gt;Collection centres&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="54" />
        <source>Renombrar…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="57" />
        <source>Nuevo centro de acopio</source>
        <translation>New collection centre</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="63" />
        <source>Centro de acopio Huaychani</source>
        <translation>Huaychani collection centre</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="66" />
        <source>Código:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="67" />
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="68" />
        <source>Distrito:</source>
        <translation>District:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="69" />
        <source>Comunidad:</source>
        <translation>Community:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="70" />
        <source>Agregar centro</source>
        <translation>Add centre</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="85" />
        <source>Subir</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="86" />
        <source>Bajar</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="87" />
        <source>Quitar de la ruta</source>
        <translation>Take off the route</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="100" />
        <source>Agregar a la ruta</source>
        <translation>Add to the route</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="107" />
        <source>El orden es el del recorrido: Acopio → Por ruta muestra a los socios así. Un socio agregado aquí deja la ruta de otro centro.</source>
        <translation>The order is the collector's round: Collection → By route lists the members this way. A member added here leaves another centre's route.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="143" />
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/collection/centres_view.py" line="146" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln member</numerusform><numerusform>%Ln members</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="166" />
        <source>Centro agregado: %1.</source>
        <translation>Centre added: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="176" />
        <source>Renombrar centro</source>
        <translation>Rename centre</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="177" />
        <source>Nuevo nombre de %1:</source>
        <translation>New name of %1:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="199" />
        <source>&lt;b&gt;Ruta de %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Route of %1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="201" />
        <source>Cree un centro de acopio para ordenar su ruta.</source>
        <translation>Create a collection centre to order its route.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="234" />
        <source>%1 salió de la ruta.</source>
        <translation>%1 left the route.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="251" />
        <source>%1 agregada a la ruta, en el lugar %2.</source>
        <translation>%1 added to the route, in place %2.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/centres_view.py" line="253" />
        <source>%1 agregado a la ruta, en el lugar %2.</source>
        <translation>%1 added to the route, in place %2.</translation>
    </message>
</context>
<context>
    <name>CloseoutView</name>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="29" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="30" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="31" />
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="32" />
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="39" />
        <source>Liquidación</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="75" />
        <source>Vista previa</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="77" />
        <source>Reabrir…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="78" />
        <source>Imprimir…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="79" />
        <source>Guardar PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="84" />
        <source>Los socios seleccionados en la tabla, o todos si no hay selección</source>
        <translation>The members selected in the table, or all of them when none is selected</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="80" />
        <source>Registrar pagos…</source>
        <translation>Record payments…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="76" />
        <source>Cerrar periodo…</source>
        <translation>Close period…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="81" />
        <source>Revertir un pago…</source>
        <translation>Reverse a payment…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="88" />
        <source>Periodo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="110" />
        <source>Doble clic: ir a la pantalla que lo corrige</source>
        <translation>Double-click: go to the screen that fixes it</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="115" />
        <source>Corregir…</source>
        <translation>Fix…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="202" />
        <source>Periodo %1 abierto: «Vista previa» muestra lo que pagaría su cierre.</source>
        <translation>Period %1 is open: «Preview» shows what its close would pay.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="224" />
        <location filename="../../ui/closeout/closeout_view.py" line="366" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln member</numerusform><numerusform>%Ln members</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="234" />
        <source>%Ln pagada(s)</source>
        <translation><numerusform>%Ln paid</numerusform><numerusform>%Ln paid</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="239" />
        <source>Periodo %1 pagado.</source>
        <translation>Period %1 paid.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="247" />
        <source>Los datos cambiaron después de la vista previa: vuelva a calcularla.</source>
        <translation>The data changed after the preview: compute it again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="253" />
        <source>No se puede cerrar todavía: faltan %Ln análisis (ver avisos).</source>
        <translation><numerusform>It cannot close yet: %Ln test is missing (see the warnings).</numerusform><numerusform>It cannot close yet: %Ln tests are missing (see the warnings).</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="315" />
        <source>Calculando…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="320" />
        <source>Calculando la vista previa…</source>
        <translation>Computing the preview…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="352" />
        <source>El periodo %1 no tiene nada que cerrar.</source>
        <translation>Period %1 has nothing to close.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="362" />
        <source>¿Cerrar el periodo %1? Se emitirán las liquidaciones de %2: valor de la leche %3, neto a pagar %4.</source>
        <translation>Close the period %1? The settlements of %2 will be issued: milk value %3, net to pay %4.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/closeout_view.py" line="371" />
        <source>La vista previa tiene %Ln aviso(s).</source>
        <translation><numerusform>The preview has %Ln warning.</numerusform><numerusform>The preview has %Ln warnings.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="374" />
        <source>El periodo todavía no termina (termina el %1): lo que se entregue después irá al periodo siguiente como ajuste.</source>
        <translation>The period has not ended yet (it ends on %1): what is delivered after it goes to the next period as an adjustment.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="384" />
        <source>No se cerró el periodo.</source>
        <translation>The period was not closed.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="62" />
        <source>%1: la entrega %2 no tiene %3</source>
        <translation>%1: delivery %2 lacks %3</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="63" />
        <source>%1: ninguna muestra del periodo tiene %3</source>
        <translation>%1: no sample of the period has %3</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="64" />
        <source>%1: %2 rechazados</source>
        <translation>%1: %2 rejected</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="65" />
        <source>%1: los descuentos superan la leche; pasan %2 al periodo siguiente</source>
        <translation>%1: deductions exceed the milk; %2 carries to the next period</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="379" />
        <location filename="../../ui/closeout/closeout_view.py" line="381" />
        <source>Cerrar el periodo</source>
        <translation>Close the period</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="382" />
        <source>No cerrar</source>
        <translation>Do not close</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="241" />
        <source>Periodo %1 cerrado.</source>
        <translation>Period %1 closed.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="33" />
        <source>Valor de la leche S/</source>
        <translation>Milk value S/</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="34" />
        <source>Abonos S/</source>
        <translation>Credits S/</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="35" />
        <source>Descuentos del periodo S/</source>
        <translation>Deductions of the period S/</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="36" />
        <source>Deuda anterior S/</source>
        <translation>Debt brought in S/</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="37" />
        <source>Deuda que pasa S/</source>
        <translation>Debt carried S/</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="38" />
        <source>Neto a pagar S/</source>
        <translation>Net to pay S/</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="40" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="221" />
        <source>%1 · %6 L · %2 kg · valor de la leche %3 · descuentos del periodo %4 · deuda anterior %7 · deuda que pasa %8 · neto a pagar %5</source>
        <translation>%1 · %6 L · %2 kg · milk value %3 · deductions of the period %4 · debt brought in %7 · debt carried on %8 · net to pay %5</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="248" />
        <source>Vista previa de %1: nada se ha guardado.</source>
        <translation>Preview of %1: nothing has been saved.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/closeout_view.py" line="405" />
        <source>Cerrando el periodo…</source>
        <translation>Closing the period…</translation>
    </message>
</context>
<context>
    <name>CollectionSection</name>
    <message>
        <location filename="../../ui/collection/collection_section.py" line="19" />
        <source>Registro del turno</source>
        <translation>This shift</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_section.py" line="26" />
        <source>Por ruta</source>
        <translation>By route</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_section.py" line="27" />
        <source>Todas las entregas</source>
        <translation>All deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_section.py" line="28" />
        <source>Centros y rutas</source>
        <translation>Centres and routes</translation>
    </message>
</context>
<context>
    <name>CollectionView</name>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="142" />
        <source>Mañana</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="143" />
        <source>Tarde</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="149" />
        <source>Fecha:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="149" />
        <source>Turno:</source>
        <translation>Shift:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="160" />
        <source>Registrar ajuste…</source>
        <translation>Record adjustment…</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="170" />
        <source>Litros</source>
        <translation>Litres</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="174" />
        <source>°C (opcional)</source>
        <translation>°C (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="176" />
        <source>1.030 (opcional)</source>
        <translation>1.030 (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="177" />
        <source>Alcohol positivo</source>
        <translation>Alcohol positive</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="179" />
        <source>Motivo de rechazo (vacío: aceptada)</source>
        <translation>Rejection reason (empty: accepted)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="180" />
        <source>Guardar (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="182" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="183" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="185" />
        <source>Temperatura</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="186" />
        <source>Densidad</source>
        <translation>Density</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="188" />
        <source>Rechazo</source>
        <translation>Rejection</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="343" />
        <source>la entrega N° %1 de %2 (%3)</source>
        <translation>delivery no. %1 of %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="350" />
        <source>Borrar entrega</source>
        <translation>Delete delivery</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="351" />
        <source>¿Borrar %1?</source>
        <translation>Delete %1?</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="352" />
        <source>Borrar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="353" />
        <source>No borrar</source>
        <translation>Do not delete</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="357" />
        <source>Se borró %1. Ctrl+Z la recupera.</source>
        <translation>Deleted %1. Ctrl+Z brings it back.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="370" />
        <source>Turno: %1, %2 · Día: %3</source>
        <translation>Shift: %1, %2 · Day: %3</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="444" />
        <source>Registrar otra entrega</source>
        <translation>Record another delivery</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="445" />
        <source>No registrar</source>
        <translation>Do not record</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="450" />
        <source>No se registró la otra entrega de %1.</source>
        <translation>The second delivery of %1 was not recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="471" />
        <source>Entrega de %1 registrada como RECHAZADA: %2.</source>
        <translation>%1's delivery recorded as REJECTED: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="513" />
        <source>Entrega guardada; el ticket no se imprimió: %1</source>
        <translation>Delivery saved; the ticket was not printed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="519" />
        <source>Entrega guardada; el ticket no se imprimió.</source>
        <translation>Delivery saved; the ticket was not printed.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="312" />
        <source>El periodo %1 está cerrado: no se pueden registrar entregas en esta fecha. Registre un ajuste en el periodo abierto.</source>
        <translation>Period %1 is closed: no deliveries can be recorded on this date. Record an adjustment in the open period.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/collection/collection_view.py" line="371" />
        <source>%Ln entrega(s)</source>
        <translation><numerusform>%Ln delivery</numerusform><numerusform>%Ln deliveries</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="394" />
        <source>Guardando…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="440" />
        <source>Entrega repetida</source>
        <translation>Repeated delivery</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="441" />
        <source>%1 ya entregó en este turno. ¿Registrar otra entrega?</source>
        <translation>%1 already delivered in this shift. Record another delivery?</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../ui/common/dates.py" line="78" />
        <source>dd/mm/aaaa</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../ui/common/dates.py" line="82" />
        <source>Elegir en el calendario</source>
        <translation>Pick on the calendar</translation>
    </message>
    <message>
        <location filename="../../ui/common/dates.py" line="134" />
        <source>Fecha de otro mes</source>
        <translation>Date in another month</translation>
    </message>
    <message>
        <location filename="../../ui/common/dates.py" line="135" />
        <source>La fecha es el %1 (%2), no de este mes. ¿Guardar con esa fecha?</source>
        <translation>The date is %1 (%2), not this month. Save with that date?</translation>
    </message>
    <message>
        <location filename="../../ui/common/dates.py" line="138" />
        <source>Guardar con esa fecha</source>
        <translation>Save with that date</translation>
    </message>
    <message>
        <location filename="../../ui/common/dates.py" line="139" />
        <source>No guardar</source>
        <translation>Don't save</translation>
    </message>
    <message>
        <location filename="../../ui/common/dates.py" line="186" />
        <source>Otro mes: %1</source>
        <translation>Another month: %1</translation>
    </message>
</context>
<context>
    <name>DayRange</name>
    <message>
        <location filename="../../ui/sales/widgets.py" line="46" />
        <source>Mostrar</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/sales/widgets.py" line="50" />
        <source>Desde:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/widgets.py" line="50" />
        <source>Hasta:</source>
        <translation>Until:</translation>
    </message>
</context>
<context>
    <name>DayRows</name>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="161" />
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="166" />
        <source>&lt;b&gt;Entregas&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;Deliveries&lt;/b&gt; (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="169" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="169" />
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="169" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="169" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="175" />
        <source>rechazada</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="175" />
        <source>aceptada</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="181" />
        <source>&lt;b&gt;Despachos&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;Dispatches&lt;/b&gt; (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="183" />
        <source>Guía</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="183" />
        <source>Comprador</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="183" />
        <source>Enviado</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../ui/sales/balance_view.py" line="183" />
        <source>Recibido</source>
        <translation>Received</translation>
    </message>
</context>
<context>
    <name>DeliveriesView</name>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="154" />
        <source>Socio (todos)</source>
        <translation>Member (all)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="157" />
        <source>Ambos turnos</source>
        <translation>Both shifts</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="158" />
        <source>Mañana</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="159" />
        <source>Tarde</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="161" />
        <source>Aceptadas y rechazadas</source>
        <translation>Accepted and rejected</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="162" />
        <source>Solo aceptadas</source>
        <translation>Accepted only</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="163" />
        <source>Solo rechazadas</source>
        <translation>Rejected only</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="164" />
        <source>Desde:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="167" />
        <source>Ir a la fecha</source>
        <translation>Go to date</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="168" />
        <source>Muestra las entregas de esa fecha hacia atrás</source>
        <translation>Shows the deliveries of that date and older</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="169" />
        <source>Quitar filtros</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="176" />
        <source>Hasta:</source>
        <translation>Until:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="256" />
        <source>Contando…</source>
        <translation>Counting…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/collection/deliveries_view.py" line="261" />
        <source>%Ln entrega(s)</source>
        <translation><numerusform>%Ln delivery</numerusform><numerusform>%Ln deliveries</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="262" />
        <source> con estos filtros</source>
        <translation> with these filters</translation>
    </message>
</context>
<context>
    <name>DifferencesDialog</name>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="187" />
        <source>Liquidación de %1: días que difieren</source>
        <translation>%1's statement: days that differ</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="193" />
        <source>%1 filas de la liquidación; %2 días difieren.</source>
        <translation>%1 rows in the statement; %2 days differ.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="199" />
        <source>cantidad</source>
        <translation>quantity</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="200" />
        <source>monto</source>
        <translation>amount</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="201" />
        <source>grasa</source>
        <translation>fat</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="202" />
        <source>solo en un lado</source>
        <translation>only on one side</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="206" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="206" />
        <source>Difiere en</source>
        <translation>Differs in</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="206" />
        <source>Nuestro</source>
        <translation>Ours</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="206" />
        <source>Comprador</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../ui/sales/account_panel.py" line="228" />
        <source>grasa %1 %</source>
        <translation>fat %1 %</translation>
    </message>
</context>
<context>
    <name>DispatchTab</name>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="64" />
        <source>mañana</source>
        <translation>morning</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="65" />
        <source>tarde</source>
        <translation>afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="111" />
        <source>Comprador</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="84" />
        <source>Grasa %</source>
        <translation>Fat %</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="88" />
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="68" />
        <source>Fecha:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="69" />
        <source>Turno:</source>
        <translation>Shift:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="70" />
        <source>Centro:</source>
        <translation>Centre:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="86" />
        <source>Densidad</source>
        <translation>Density</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="90" />
        <source>Alcohol: —</source>
        <translation>Alcohol: —</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="91" />
        <source>Alcohol: negativo</source>
        <translation>Alcohol: negative</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="92" />
        <source>Alcohol: positivo</source>
        <translation>Alcohol: positive</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="101" />
        <source>Escriba el comprador, la cantidad y Enter: se guarda con su guía.</source>
        <translation>Type the buyer, the quantity and Enter: it is saved with its guide.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="108" />
        <source>Guía</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="109" />
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="110" />
        <source>Centro</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="203" />
        <source>Elija el despacho a anular.</source>
        <translation>Choose the dispatch to void.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="208" />
        <source>Anular despacho</source>
        <translation>Void dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="209" />
        <source>Motivo para anular la guía %1:</source>
        <translation>Reason to void guide %1:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="218" />
        <source>Guía %1: anulada.</source>
        <translation>Guide %1: void.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="79" />
        <location filename="../../ui/sales/dispatch_tab.py" line="112" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="113" />
        <source>Recibido</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="114" />
        <source>Monto</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="115" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="122" />
        <source>Anular despacho…</source>
        <translation>Void dispatch…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="160" />
        <source>Guía %1: %2 para %3.</source>
        <translation>Guide %1: %2 for %3.</translation>
    </message>
</context>
<context>
    <name>DocumentsView</name>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="53" />
        <source>Liquidación (recibo)</source>
        <translation>Settlement (receipt)</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="54" />
        <source>Estado de cuenta</source>
        <translation>Statement</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="55" />
        <source>Planilla de pago</source>
        <translation>Payroll</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="56" />
        <source>Ticket de entrega</source>
        <translation>Delivery ticket</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="57" />
        <source>Parte diario de acopio</source>
        <translation>Daily collection sheet</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="58" />
        <source>Recibo de adelanto</source>
        <translation>Advance receipt</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="67" />
        <source>Socio:</source>
        <translation>Member:</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="68" />
        <source>Tamaño:</source>
        <translation>Size:</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="73" />
        <source>Al imprimir, el recibo toma el tamaño de la impresora: su rollo, o A5</source>
        <translation>When printing, the receipt takes the printer's size: its roll, or A5</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="77" />
        <source>Vista previa</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="94" />
        <source>Imprimir…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="96" />
        <source>Guardar PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="98" />
        <source>Anular recibo…</source>
        <translation>Void receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="118" />
        <source>Entrega N.º:</source>
        <translation>Delivery No.:</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="119" />
        <source>Día:</source>
        <translation>Day:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/documents/documents_view.py" line="185" />
        <source>%1: %Ln página(s)%3</source>
        <translation><numerusform>%1: %Ln page%3</numerusform><numerusform>%1: %Ln pages%3</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="120" />
        <source>Recibo N.º:</source>
        <translation>Receipt No.:</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="122" />
        <source>Periodo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="153" />
        <location filename="../../ui/documents/documents_view.py" line="158" />
        <location filename="../../ui/documents/documents_view.py" line="282" />
        <source>Preparando el documento…</source>
        <translation>Preparing the document…</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="207" />
        <source>No se imprimió el ticket.</source>
        <translation>The ticket was not printed.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="210" />
        <source>Ticket enviado a %1.</source>
        <translation>Ticket sent to %1.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="210" />
        <location filename="../../ui/documents/documents_view.py" line="276" />
        <source>Guardado en %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="250" />
        <source>liquidacion</source>
        <translation>settlement</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="251" />
        <source>estado</source>
        <translation>statement</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="252" />
        <source>planilla</source>
        <translation>payroll</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="253" />
        <source>ticket</source>
        <translation>ticket</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="254" />
        <source>acopio</source>
        <translation>collection</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="255" />
        <source>adelanto</source>
        <translation>advance</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="294" />
        <source>Anular recibo</source>
        <translation>Void receipt</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="296" />
        <source>Motivo para anular %1 (se emite uno nuevo con los mismos montos y el siguiente número):</source>
        <translation>Reason to void %1 (a new one is issued with the same amounts and the next number):</translation>
    </message>
    <message>
        <location filename="../../ui/documents/documents_view.py" line="309" />
        <source>%1 anulado; se emitió %2.</source>
        <translation>%1 voided; %2 issued.</translation>
    </message>
</context>
<context>
    <name>EditDeliveryDialog</name>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="78" />
        <source>Corregir entrega %1</source>
        <translation>Correct delivery %1</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="93" />
        <source>Cantidad (%1):</source>
        <translation>Quantity (%1):</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="94" />
        <source>Temperatura:</source>
        <translation>Temperature:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="95" />
        <source>Motivo de rechazo:</source>
        <translation>Rejection reason:</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/common/error_text.py" line="41" />
        <source>Ocurrió un error inesperado (%1). No se guardó la operación. El detalle quedó en %2.</source>
        <translation>An unexpected error occurred (%1). Nothing was saved. The details are in %2.</translation>
    </message>
</context>
<context>
    <name>ExpensesTab</name>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="40" />
        <source>Transporte</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="41" />
        <source>Limpieza</source>
        <translation>Cleaning</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="42" />
        <source>Analizador</source>
        <translation>Analyzer</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="43" />
        <source>Personal</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="44" />
        <source>Otros</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="52" />
        <source>Monto S/</source>
        <translation>Amount S/</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="55" />
        <source>Nota (p. ej. flete del camión)</source>
        <translation>Note (e.g. the truck's freight)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="56" />
        <source>Registrar gasto</source>
        <translation>Record expense</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="59" />
        <source>Gasto:</source>
        <translation>Expense:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="71" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="71" />
        <source>Categoría</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="71" />
        <source>Monto</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="71" />
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="76" />
        <source>Revertir gasto…</source>
        <translation>Reverse expense…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="97" />
        <source> (revertido)</source>
        <translation> (reversed)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="103" />
        <source>Total del rango: %1</source>
        <translation>Total of the range: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="125" />
        <source>Gasto %1 registrado: %2.</source>
        <translation>Expense %1 recorded: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="135" />
        <source>Elija el gasto a revertir.</source>
        <translation>Choose the expense to reverse.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="138" />
        <source>Revertir gasto</source>
        <translation>Reverse expense</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="138" />
        <source>Motivo de la reversión:</source>
        <translation>Reason for the reversal:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/expenses_tab.py" line="146" />
        <source>Gasto %1 revertido.</source>
        <translation>Expense %1 reversed.</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="127" />
        <source>Exportar…</source>
        <translation>Export…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="38" />
        <location filename="../../ui/common/export_dialog.py" line="86" />
        <source>Exportar</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="43" />
        <source>Planilla de pago (periodo cerrado)</source>
        <translation>Payroll (closed period)</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="44" />
        <source>Compras para el contador (periodo cerrado)</source>
        <translation>Purchases for the accountant (closed period)</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="45" />
        <source>Lista de pagos para banco o caja (periodo cerrado)</source>
        <translation>Payment list for the bank or cash (closed period)</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="46" />
        <source>Movimientos de cuentas</source>
        <translation>Account movements</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="47" />
        <source>Entregas</source>
        <translation>Deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="48" />
        <source>Análisis de calidad</source>
        <translation>Quality tests</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="49" />
        <source>Socios</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="54" />
        <source>2026-10, 2026-10-q1 o 2026-10-01..2026-10-31</source>
        <translation>2026-10, 2026-10-q1 or 2026-10-01..2026-10-31</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="56" />
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="57" />
        <source>Texto CSV (.csv)</source>
        <translation>CSV text (.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="58" />
        <source>Qué</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="59" />
        <source>Periodo o rango</source>
        <translation>Period or range</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="60" />
        <source>Formato</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="65" />
        <source>Guardar como…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="76" />
        <source>planilla</source>
        <translation>payroll</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="77" />
        <source>compras</source>
        <translation>purchases</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="78" />
        <source>pagos</source>
        <translation>payments</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="79" />
        <source>movimientos</source>
        <translation>entries</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="80" />
        <source>entregas</source>
        <translation>deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="81" />
        <source>calidad</source>
        <translation>quality</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="82" />
        <source>socios</source>
        <translation>members</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="100" />
        <location filename="../../ui/common/export_dialog.py" line="101" />
        <source>Exportando…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/common/export_dialog.py" line="107" />
        <source>%1 filas guardadas en %2</source>
        <translation>%1 rows saved in %2</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="47" />
        <source>Primer administrador</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="51" />
        <source>Esta base de datos aún no tiene usuarios. Elija el nombre y la contraseña del administrador: podrá crear después los usuarios del tesorero, los acopiadores y el consejo de vigilancia.</source>
        <translation>This database has no users yet. Choose the administrator's name and password: you can then create the users of the treasurer, the collectors and the oversight committee.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="63" />
        <source>Usuario:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="64" />
        <source>Nombre completo:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="65" />
        <source>Contraseña:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="66" />
        <source>Repita la contraseña:</source>
        <translation>Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="71" />
        <source>Crear administrador</source>
        <translation>Create administrator</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/admin/first_run.py" line="36" />
        <source>Bienvenido a Coop Desktop</source>
        <translation>Welcome to Coop Desktop</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="41" />
        <source>No hay una asociación en esta base de datos.
Cree su asociación o cargue datos de demostración para conocer el programa.</source>
        <translation>There is no association in this database.
Create yours, or load demo data to get to know the program.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="49" />
        <source>Asociación de Productores Lecheros …</source>
        <translation>Dairy Producers Association …</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="51" />
        <source>11 dígitos (opcional)</source>
        <translation>11 digits (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="53" />
        <source>Nombre de la asociación:</source>
        <translation>Association name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="54" />
        <source>RUC:</source>
        <translation>RUC:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="59" />
        <source>Dirección:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="60" />
        <source>Distrito:</source>
        <translation>District:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="61" />
        <source>Provincia:</source>
        <translation>Province:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="62" />
        <source>Departamento:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="65" />
        <source>Mensual</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="66" />
        <source>Quincenal (1–15 y 16–fin de mes)</source>
        <translation>Fortnightly (1–15 and 16–end of month)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="67" />
        <source>Por décadas (cada 10 días)</source>
        <translation>By ten days</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="68" />
        <source>Semanal</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="71" />
        <source>Ciclo de pago:</source>
        <translation>Payment cycle:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="74" />
        <source>Serie de liquidaciones:</source>
        <translation>Settlement series:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="76" />
        <source>Centro de acopio Huaychani (opcional)</source>
        <translation>Huaychani collection centre (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="77" />
        <source>Primer centro de acopio:</source>
        <translation>First collection centre:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="80" />
        <source>Con un centro, Acopio → Por ruta lista a sus socios en el orden del recorrido; más centros y el orden de cada ruta, en Acopio → Centros y rutas.</source>
        <translation>With a centre, Collection → By route lists its members in the order of the round; more centres and the order of each route in Collection → Centres and routes.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="88" />
        <source>(sin logo)</source>
        <translation>(no logo)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="89" />
        <source>Elegir logo…</source>
        <translation>Choose logo…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="93" />
        <source>Logo:</source>
        <translation>Logo:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="101" />
        <source>Crear asociación</source>
        <translation>Create association</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="102" />
        <source>Cargar datos de demostración</source>
        <translation>Load demo data</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="118" />
        <source>Logo de la asociación</source>
        <translation>Association logo</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="118" />
        <source>Imágenes (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/first_run.py" line="172" />
        <source>Cargando datos de demostración…</source>
        <translation>Loading demo data…</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../ui/home/home_view.py" line="61" />
        <source>%1 (%2 con la densidad del esquema)</source>
        <translation>%1 (%2 with the scheme's density)</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="102" />
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="103" />
        <source>Periodo abierto</source>
        <translation>Open period</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="104" />
        <source>Calidad del periodo</source>
        <translation>Quality of the period</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="106" />
        <source>Avisos</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="122" />
        <source>Cargando…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="139" />
        <source>Base de datos: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/home/home_view.py" line="163" />
        <source>%Ln entrega(s)</source>
        <translation><numerusform>%Ln delivery</numerusform><numerusform>%Ln deliveries</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="180" />
        <source>calculando…</source>
        <translation>calculating…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/home/home_view.py" line="187" />
        <location filename="../../ui/home/home_view.py" line="260" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln member</numerusform><numerusform>%Ln members</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="190" />
        <location filename="../../ui/home/home_view.py" line="205" />
        <source>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;Planilla estimada: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;Estimated payroll: %3</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="232" />
        <source>Sin muestras en el periodo.</source>
        <translation>No samples in the period.</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="247" />
        <source>El periodo %1 sigue abierto: ciérrelo.</source>
        <translation>Period %1 is still open: close it.</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="248" />
        <source>Ir a Cierre</source>
        <translation>Go to Closeout</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="160" />
        <source>Mañana: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Tarde: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;%3</source>
        <translation>Morning: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Afternoon: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;%3</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="184" />
        <source>bruto %1, neto %2 (%3)</source>
        <translation>gross %1, net %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="214" />
        <source>referencia</source>
        <translation>reference</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="243" />
        <source>Ningún esquema de precios está en vigor: créelo en Precios.</source>
        <translation>No price scheme is in force: create one in Prices.</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="244" />
        <source>Ir a Precios</source>
        <translation>Go to Prices</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="251" />
        <source>%1 entregan en este periodo sin ninguna muestra de calidad.</source>
        <translation>%1 deliver this period without any quality sample.</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="252" />
        <source>Ir a Calidad</source>
        <translation>Go to Quality</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="254" />
        <source>Última copia de seguridad: %1.</source>
        <translation>Last backup: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="254" />
        <source>Hacer copia ahora</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="258" />
        <source>nunca</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="274" />
        <source>Todo en orden.</source>
        <translation>All in order.</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="286" />
        <source>Copia de seguridad</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="297" />
        <source>Copiando…</source>
        <translation>Copying…</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="320" />
        <source>Litros por día (60 días; kg convertidos)</source>
        <translation>Litres per day (60 days; kg converted)</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="321" />
        <source>Grasa y sólidos totales, %</source>
        <translation>Fat and total solids, %</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="322" />
        <source>Higiene: UFC/mL (miles)</source>
        <translation>Hygiene: CFU/mL (thousands)</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="327" />
        <source>Grasa</source>
        <translation>Fat</translation>
    </message>
    <message>
        <location filename="../../ui/home/home_view.py" line="327" />
        <source>Sólidos totales</source>
        <translation>Total solids</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="60" />
        <location filename="../../ui/admin/import_dialog.py" line="77" />
        <location filename="../../ui/admin/import_dialog.py" line="132" />
        <location filename="../../ui/admin/import_dialog.py" line="159" />
        <source>Importar</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="66" />
        <source>Socios</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="67" />
        <source>Entregas</source>
        <translation>Deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="68" />
        <source>Análisis de calidad</source>
        <translation>Quality tests</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="73" />
        <source>Archivo CSV o XLSX</source>
        <translation>CSV or XLSX file</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="74" />
        <source>Elegir archivo…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="84" />
        <location filename="../../ui/admin/import_dialog.py" line="92" />
        <location filename="../../ui/admin/import_dialog.py" line="99" />
        <source>Detectar</source>
        <translation>Detect</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="93" />
        <location filename="../../ui/admin/import_dialog.py" line="99" />
        <location filename="../../ui/admin/import_dialog.py" line="220" />
        <location filename="../../ui/admin/import_dialog.py" line="226" />
        <source>coma</source>
        <translation>comma</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="94" />
        <location filename="../../ui/admin/import_dialog.py" line="220" />
        <source>punto y coma</source>
        <translation>semicolon</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="95" />
        <location filename="../../ui/admin/import_dialog.py" line="220" />
        <source>tabulador</source>
        <translation>tab</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="99" />
        <location filename="../../ui/admin/import_dialog.py" line="226" />
        <source>punto</source>
        <translation>point</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="106" />
        <source>detectar</source>
        <translation>detect</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="108" />
        <source>litros</source>
        <translation>litres</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="108" />
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="110" />
        <source>Codificación</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="111" />
        <source>Separador</source>
        <translation>Delimiter</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="112" />
        <source>Decimal</source>
        <translation>Decimal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="113" />
        <source>Hoja</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="114" />
        <source>Fila del encabezado</source>
        <translation>Header row</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="115" />
        <source>«Cantidad» en</source>
        <translation>«Cantidad» in</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="128" />
        <source>Guardar mapeo</source>
        <translation>Save mapping</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="130" />
        <source>Revisar (sin guardar)</source>
        <translation>Check (save nothing)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="159" />
        <source>Hojas de cálculo (*.csv *.xlsx *.txt)</source>
        <translation>Spreadsheets (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="206" />
        <source>Leyendo el archivo…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="218" />
        <source>codificación %1</source>
        <translation>encoding %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="222" />
        <source>separador: %1</source>
        <translation>delimiter: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="225" />
        <source>decimal: %1</source>
        <translation>decimal: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="230" />
        <source>encabezado en la fila %1</source>
        <translation>header on row %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="231" />
        <location filename="../../ui/admin/import_dialog.py" line="317" />
        <source>%1 filas</source>
        <translation>%1 rows</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="232" />
        <source>Detectado: </source>
        <translation>Detected: </translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="250" />
        <source>(sin asignar)</source>
        <translation>(not mapped)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="251" />
        <source>(ignorar)</source>
        <translation>(ignore)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="281" />
        <source>1 problema: no se importará nada hasta corregirlo.</source>
        <translation>1 problem: nothing will be imported until it is fixed.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="283" />
        <source>%1 problemas: no se importará nada hasta corregirlos.</source>
        <translation>%1 problems: nothing will be imported until they are fixed.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="287" />
        <source>Columnas reconocidas. Pulse Revisar para comprobar cada fila.</source>
        <translation>Columns recognised. Press Check to check every row.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="291" />
        <source>Revisión correcta: se importarían %1; %2 ya estaban en la base. No se guardó nada.</source>
        <translation>Check passed: %1 would be imported; %2 were already in the database. Nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="299" />
        <source>Importadas: %1; %2 ya estaban en la base y no se repitieron.</source>
        <translation>Imported: %1; %2 were already in the database and were not repeated.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="304" />
        <source>Correcciones: %1.</source>
        <translation>Corrections: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="364" />
        <source>… y %1 más.</source>
        <translation>… and %1 more.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="366" />
        <source>1 fila corrige lo que ya está registrado:</source>
        <translation>1 row corrects what is already recorded:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="368" />
        <source>%1 filas corrigen lo que ya está registrado:</source>
        <translation>%1 rows correct what is already recorded:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="374" />
        <source>Correcciones</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="376" />
        <source>Corregir e importar</source>
        <translation>Correct and import</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="377" />
        <source>No importar</source>
        <translation>Do not import</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="306" />
        <source>Este archivo ya se importó el %1.</source>
        <translation>This file was already imported on %1.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="314" />
        <source>Mapeo guardado para la próxima vez.</source>
        <translation>Mapping saved for next time.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="317" />
        <source>1 fila</source>
        <translation>1 row</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="348" />
        <source>Revisando…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/import_dialog.py" line="348" />
        <source>Importando…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>IndicatorsView</name>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="74" />
        <source>Sin agrupar</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="75" />
        <source>Distrito</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="76" />
        <source>Comunidad</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="77" />
        <source>Centro de acopio</source>
        <translation>Collection centre</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="78" />
        <source>Sexo</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="79" />
        <source>Prácticas</source>
        <translation>Practices</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="83" />
        <location filename="../../ui/home/indicators_view.py" line="144" />
        <source>Línea base</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="90" />
        <source>Calcular</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="91" />
        <source>Guardar PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="92" />
        <source>Guardar Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="98" />
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="100" />
        <source>hasta</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="102" />
        <source>Agrupar por</source>
        <translation>Group by</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="104" />
        <source>Referencia S/ por kg</source>
        <translation>Reference S/ per kg</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="111" />
        <source>a</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="118" />
        <source>Elija el rango y pulse Calcular.</source>
        <translation>Choose the range and press Calculate.</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="144" />
        <source>Indicador</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="144" />
        <source>Rango</source>
        <translation>Range</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="144" />
        <source>Cambio</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="152" />
        <source>Litros por periodo (claro: provisional)</source>
        <translation>Litres per period (light: provisional)</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="153" />
        <source>Precio pagado por kg y referencia</source>
        <translation>Price paid per kg and reference</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="159" />
        <source>Resumen</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="168" />
        <source>Litros por productor y día de entrega</source>
        <translation>Litres per producer per delivery day</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="169" />
        <source>Precio pagado por kg</source>
        <translation>Price paid per kg</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="180" />
        <source>Por grupo</source>
        <translation>By group</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="211" />
        <source>Calculando indicadores…</source>
        <translation>Calculating indicators…</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="226" />
        <source>Línea base: %1</source>
        <translation>Baseline: %1</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="269" />
        <source>Grupo</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="290" />
        <source>Guardar informe</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="303" />
        <source>Guardado en %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location filename="../../ui/home/indicators_view.py" line="305" />
        <source>Guardando…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>LazyDeliveries</name>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="58" />
        <source>N° entrega</source>
        <translation>Delivery No.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="59" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="60" />
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="61" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="62" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="63" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="64" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="66" />
        <source>mañana</source>
        <translation>morning</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="66" />
        <source>tarde</source>
        <translation>afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="130" />
        <source>Rechazada: </source>
        <translation>Rejected: </translation>
    </message>
    <message>
        <location filename="../../ui/collection/deliveries_view.py" line="132" />
        <source>Aceptada</source>
        <translation>Accepted</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="64" />
        <source>(sin asociación)</source>
        <translation>(no association)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="66" />
        <source>Coop Desktop — %1</source>
        <translation>Coop Desktop — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84" />
        <source>Inicio</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85" />
        <source>Socios</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86" />
        <source>Acopio</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="87" />
        <source>Calidad</source>
        <translation>Quality</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88" />
        <source>Precios</source>
        <translation>Prices</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89" />
        <source>Cuentas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>Ventas</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91" />
        <source>Cierre</source>
        <translation>Closeout</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92" />
        <source>Documentos</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93" />
        <source>Configuración</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94" />
        <source>Indicadores</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95" />
        <source>Auditoría</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96" />
        <source>Usuarios</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110" />
        <source>Usuario: %1 (%2)</source>
        <translation>User: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118" />
        <source>Base de datos: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167" />
        <source>Por cerrar: %1 · en curso: %2</source>
        <translation>To close: %1 · current: %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169" />
        <source>Periodo en curso: %1</source>
        <translation>Current period: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181" />
        <source>Cargando…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="283" />
        <source>&amp;Archivo</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284" />
        <source>&amp;Importar…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287" />
        <source>&amp;Exportar…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290" />
        <source>&amp;Salir</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294" />
        <source>&amp;Ir a</source>
        <translation>&amp;Go to</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301" />
        <source>&amp;Editar</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302" />
        <source>&amp;Deshacer entrega</source>
        <translation>&amp;Undo delivery</translation>
    </message>
</context>
<context>
    <name>MarginPanel</name>
    <message>
        <location filename="../../ui/sales/margin_panel.py" line="34" />
        <source>Margen del acopio</source>
        <translation>Collection margin</translation>
    </message>
    <message>
        <location filename="../../ui/sales/margin_panel.py" line="44" />
        <source>Desde:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/margin_panel.py" line="44" />
        <source>Hasta:</source>
        <translation>Until:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/margin_panel.py" line="47" />
        <source>Calcular margen</source>
        <translation>Compute margin</translation>
    </message>
    <message>
        <location filename="../../ui/sales/margin_panel.py" line="52" />
        <source>Calculando…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/margin_panel.py" line="75" />
        <source>&lt;i&gt;provisional&lt;/i&gt;</source>
        <translation>&lt;i&gt;provisional&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="37" />
        <source>Editar socio</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="37" />
        <source>Nuevo socio</source>
        <translation>New member</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="42" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="43" />
        <source>Nombres</source>
        <translation>Given names</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="44" />
        <source>Apellidos</source>
        <translation>Surnames</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="45" />
        <source>DNI</source>
        <translation>DNI</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="46" />
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="47" />
        <source>Comunidad</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="48" />
        <source>Distrito</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="49" />
        <source>Provincia</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="50" />
        <location filename="../../ui/members/member_dialog.py" line="76" />
        <source>Banco</source>
        <translation>Bank</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="51" />
        <source>Cuenta bancaria</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="52" />
        <source>Billetera móvil (Yape, Plin)</source>
        <translation>Mobile wallet (Yape, Plin)</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="68" />
        <source>Mujer</source>
        <translation>Woman</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="69" />
        <source>Hombre</source>
        <translation>Man</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="72" />
        <source>Sexo</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="75" />
        <source>Efectivo</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="77" />
        <source>Billetera móvil</source>
        <translation>Mobile wallet</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="80" />
        <source>Forma de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="93" />
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_dialog.py" line="94" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MemberField</name>
    <message>
        <location filename="../../ui/common/member_lookup.py" line="103" />
        <source>Código o nombre del socio</source>
        <translation>Member code or name</translation>
    </message>
</context>
<context>
    <name>MemberModel</name>
    <message>
        <location filename="../../ui/members/member_model.py" line="32" />
        <source>Activa</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="33" />
        <source>Activo</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="34" />
        <source>Suspendida</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="35" />
        <source>Suspendido</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="36" />
        <source>Retirada</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="37" />
        <source>Retirado</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="40" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="41" />
        <source>Nombres y apellidos</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="42" />
        <source>DNI</source>
        <translation>DNI</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="43" />
        <source>Comunidad</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="44" />
        <source>Distrito</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_model.py" line="45" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MemberPage</name>
    <message>
        <location filename="../../ui/members/member_page.py" line="46" />
        <source>Ficha de %1</source>
        <translation>Record of %1</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="58" />
        <location filename="../../ui/members/member_page.py" line="80" />
        <location filename="../../ui/members/member_page.py" line="105" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="58" />
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="58" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="58" />
        <location filename="../../ui/members/member_page.py" line="128" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="64" />
        <source>Rechazada: </source>
        <translation>Rejected: </translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="66" />
        <source>Aceptada</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="73" />
        <source>Entregas</source>
        <translation>Deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="81" />
        <source>Grasa %</source>
        <translation>Fat %</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="82" />
        <source>ST %</source>
        <translation>TS %</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="83" />
        <source>SNF %</source>
        <translation>SNF %</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="84" />
        <source>Proteína %</source>
        <translation>Protein %</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="85" />
        <source>UFC/mL</source>
        <translation>CFU/mL</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="86" />
        <source>CCS/mL</source>
        <translation>SCC/mL</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="101" />
        <source>Calidad</source>
        <translation>Quality</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="105" />
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="105" />
        <source>Monto S/</source>
        <translation>Amount S/</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="105" />
        <source>Saldo S/</source>
        <translation>Balance S/</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="119" />
        <source>Cuenta</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="124" />
        <source>Liquidación</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="125" />
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="126" />
        <source>Bruto S/</source>
        <translation>Gross S/</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="127" />
        <source>Neto S/</source>
        <translation>Net S/</translation>
    </message>
    <message>
        <location filename="../../ui/members/member_page.py" line="143" />
        <source>Documentos</source>
        <translation>Documents</translation>
    </message>
</context>
<context>
    <name>MembersView</name>
    <message>
        <location filename="../../ui/members/members_view.py" line="41" />
        <source>Buscar por código, nombre, DNI o comunidad</source>
        <translation>Search by code, name, DNI or community</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="45" />
        <source>Todos los estados</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="46" />
        <source>Activos</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="47" />
        <source>Suspendidos</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="48" />
        <source>Retirados</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="56" />
        <source>Nuevo socio</source>
        <translation>New member</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="58" />
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="60" />
        <source>Ficha</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="62" />
        <source>Retirar…</source>
        <translation>Retire…</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="64" />
        <source>Reactivar</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="169" />
        <source>Retirar socio</source>
        <translation>Retire member</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="171" />
        <source>¿Retirar a %1? Sus entregas y su cuenta se conservan; no podrá registrar entregas nuevas hasta que se reactive.</source>
        <translation>Retire %1? Their deliveries and account are kept; no new delivery can be recorded until they are reactivated.</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="174" />
        <source>Retirar</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="175" />
        <source>No retirar</source>
        <translation>Do not retire</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="187" />
        <source>%1 quedó retirada.</source>
        <translation>%1 is now retired.</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="188" />
        <source>%1 quedó retirado.</source>
        <translation>%1 is now retired.</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="189" />
        <source>%1 está activa otra vez.</source>
        <translation>%1 is active again.</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="190" />
        <source>%1 está activo otra vez.</source>
        <translation>%1 is active again.</translation>
    </message>
    <message>
        <location filename="../../ui/members/members_view.py" line="127" />
        <source>Todos los distritos</source>
        <translation>All districts</translation>
    </message>
</context>
<context>
    <name>OpRunner</name>
    <message>
        <location filename="../../ui/common/runner.py" line="119" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="37" />
        <source>Registrar pagos</source>
        <translation>Record payments</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/money_actions.py" line="42" />
        <source>Se pagará a todos los %Ln socios por pagar de %1 — %2.</source>
        <translation><numerusform>The only unpaid member of %1 will be paid — %2.</numerusform><numerusform>All %Ln unpaid members of %1 will be paid — %2.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/money_actions.py" line="44" />
        <source>Se pagará a %Ln socio(s) seleccionado(s) de %1 — %2.</source>
        <translation><numerusform>%Ln selected member of %1 will be paid — %2.</numerusform><numerusform>%Ln selected members of %1 will be paid — %2.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closeout/money_actions.py" line="54" />
        <source>… y %Ln más</source>
        <translation><numerusform>… and %Ln more</numerusform><numerusform>… and %Ln more</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="60" />
        <source>Efectivo</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="61" />
        <source>Transferencia bancaria</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="62" />
        <source>Billetera móvil</source>
        <translation>Mobile wallet</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="66" />
        <source>N° de operación (opcional)</source>
        <translation>Transaction no. (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="67" />
        <source>Forma de pago:</source>
        <translation>Payment method:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="68" />
        <source>Referencia:</source>
        <translation>Reference:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="71" />
        <source>Registrar el pago</source>
        <translation>Record the payment</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/money_actions.py" line="73" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PdfPrint</name>
    <message>
        <location filename="../../ui/printing/pdf_print.py" line="155" />
        <source>Guardar PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing/pdf_print.py" line="157" />
        <source>Documentos PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PlantTab</name>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="46" />
        <source>Leche (L)</source>
        <translation>Milk (L)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="49" />
        <source>kg producidos</source>
        <translation>kg produced</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="50" />
        <source>Registrar lote</source>
        <translation>Record batch</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="53" />
        <source>Lote:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="64" />
        <source>Producto nuevo (p. ej. Manjar)</source>
        <translation>New product (e.g. Manjar)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="65" />
        <source>Agregar producto</source>
        <translation>Add product</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="77" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="78" />
        <location filename="../../ui/sales/plant_tab.py" line="91" />
        <source>Producto</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="79" />
        <location filename="../../ui/sales/plant_tab.py" line="91" />
        <source>Leche</source>
        <translation>Milk</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="80" />
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="81" />
        <source>L/kg</source>
        <translation>L/kg</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="82" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="86" />
        <source>Anular lote…</source>
        <translation>Void batch…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="89" />
        <source>&lt;b&gt;Rendimiento por producto y mes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Yield per product and month&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="91" />
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="91" />
        <source>Lotes</source>
        <translation>Batches</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="109" />
        <source>Productos: %1</source>
        <translation>Products: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="121" />
        <source>ANULADO</source>
        <translation>VOID</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="142" />
        <source>Leche recibida por la planta: %1 por %2 (precio de transferencia).</source>
        <translation>Milk received by the plant: %1 for %2 (transfer price).</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="165" />
        <source>Lote %1 de %2: %3 L/kg.</source>
        <translation>Batch %1 of %2: %3 L/kg.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="180" />
        <source>Producto agregado: %1.</source>
        <translation>Product added: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="188" />
        <source>Elija el lote a anular.</source>
        <translation>Choose the batch to void.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="191" />
        <source>Anular lote</source>
        <translation>Void batch</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="191" />
        <source>Motivo para anularlo:</source>
        <translation>Reason to void it:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/plant_tab.py" line="199" />
        <source>Lote %1 anulado.</source>
        <translation>Batch %1 void.</translation>
    </message>
</context>
<context>
    <name>PracticeBox</name>
    <message>
        <location filename="../../ui/members/practice_box.py" line="35" />
        <source>Prácticas (con la fecha en que empezó o dejó cada una)</source>
        <translation>Practices (with the date each was adopted or left)</translation>
    </message>
    <message>
        <location filename="../../ui/members/practice_box.py" line="43" />
        <source>Práctica</source>
        <translation>Practice</translation>
    </message>
    <message>
        <location filename="../../ui/members/practice_box.py" line="43" />
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/members/practice_box.py" line="43" />
        <source>Hasta</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../ui/members/practice_box.py" line="58" />
        <source>Adoptó desde esta fecha</source>
        <translation>Adopted from this date</translation>
    </message>
    <message>
        <location filename="../../ui/members/practice_box.py" line="59" />
        <source>La dejó desde esta fecha</source>
        <translation>Left from this date</translation>
    </message>
    <message>
        <location filename="../../ui/members/practice_box.py" line="86" />
        <source>(por guardar)</source>
        <translation>(to be saved)</translation>
    </message>
</context>
<context>
    <name>PriceCalculator</name>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="71" />
        <source>Calculadora de precio</source>
        <translation>Price calculator</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="79" />
        <source>Cantidad:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="97" />
        <source>Factor</source>
        <translation>Factor</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="97" />
        <source>Regla</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="97" />
        <source>Por unidad</source>
        <translation>Per unit</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="97" />
        <source>Monto</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="131" />
        <source>positiva</source>
        <translation>positive</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="157" />
        <source>Corrija el esquema para ver el precio.</source>
        <translation>Fix the scheme to see the price.</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="179" />
        <source>&lt;b&gt;%1 %2 por %3&lt;/b&gt; × %4 = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 %2 per %3&lt;/b&gt; × %4 = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>PricesView</name>
    <message>
        <location filename="../../ui/common/preset_names.py" line="11" />
        <source>Aditivo peruano (ejemplo de Puno)</source>
        <translation>Peruvian additive (Puno example)</translation>
    </message>
    <message>
        <location filename="../../ui/common/preset_names.py" line="12" />
        <source>Pago por calidad (Colombia)</source>
        <translation>Quality payment (Colombia)</translation>
    </message>
    <message>
        <location filename="../../ui/common/preset_names.py" line="13" />
        <source>Dos tarifas: grasa y SNF (India)</source>
        <translation>Two rates: fat and SNF (India)</translation>
    </message>
    <message>
        <location filename="../../ui/common/preset_names.py" line="14" />
        <source>Tabla grasa × SNF (India)</source>
        <translation>Fat × SNF chart (India)</translation>
    </message>
    <message>
        <location filename="../../ui/common/preset_names.py" line="15" />
        <source>A + B − C (Irlanda)</source>
        <translation>A + B − C (Ireland)</translation>
    </message>
    <message>
        <location filename="../../ui/common/preset_names.py" line="16" />
        <source>Pago por componentes (EE. UU.)</source>
        <translation>Component pricing (USA)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="68" />
        <source>&lt;b&gt;Esquemas y versiones&lt;/b&gt;</source>
        <translation>&lt;b&gt;Schemes and versions&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="70" />
        <source>Empezar de</source>
        <translation>Start from</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="83" />
        <source>Usar plantilla</source>
        <translation>Use preset</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="85" />
        <source>Importar archivo…</source>
        <translation>Import file…</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="101" />
        <source>Guardar como versión</source>
        <translation>Save as version</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="103" />
        <source>Exportar…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="105" />
        <source>En vigor desde:</source>
        <translation>In force from:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="151" />
        <source>Cambios sin guardar</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="153" />
        <source>El esquema tiene cambios que no se guardaron como versión. ¿Descartar esos cambios?</source>
        <translation>The scheme has changes not saved as a version. Discard those changes?</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="156" />
        <source>Descartar los cambios</source>
        <translation>Discard the changes</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="157" />
        <source>Seguir editando</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="181" />
        <source>desde %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="183" />
        <source> (en vigor)</source>
        <translation> (in force)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="199" />
        <source>Plantilla «%1» abierta: ajústela y guárdela como versión.</source>
        <translation>Preset «%1» opened: adjust it and save it as a version.</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="217" />
        <source>Versión abierta: al guardar se crea una nueva.</source>
        <translation>Version opened: saving creates a new one.</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="224" />
        <source>Plantilla «%1» abierta.</source>
        <translation>Preset «%1» opened.</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="231" />
        <source>Importar esquema</source>
        <translation>Import scheme</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="231" />
        <location filename="../../ui/prices/prices_view.py" line="243" />
        <source>Esquemas (*.json)</source>
        <translation>Schemes (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="238" />
        <source>Archivo abierto: %1</source>
        <translation>File opened: %1</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="243" />
        <source>Exportar esquema</source>
        <translation>Export scheme</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="252" />
        <source>Exportado a %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="264" />
        <source>El esquema tiene problemas: no se guardó.</source>
        <translation>The scheme has problems: not saved.</translation>
    </message>
    <message>
        <location filename="../../ui/prices/prices_view.py" line="285" />
        <source>Guardado: %1, en vigor desde %2.</source>
        <translation>Saved: %1, in force from %2.</translation>
    </message>
</context>
<context>
    <name>PrintJobs</name>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="45" />
        <source>No se imprimió</source>
        <translation>Not printed</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="49" />
        <source>Reintentar</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="52" />
        <source>Elegir otra…</source>
        <translation>Choose another…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="57" />
        <location filename="../../ui/printing/print_jobs.py" line="298" />
        <source>Guardar PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="59" />
        <location filename="../../ui/printing/print_jobs.py" line="200" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="80" />
        <source>recibo A5</source>
        <translation>A5 receipt</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="82" />
        <source>recibo de %1</source>
        <translation>%1 receipt</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="94" />
        <location filename="../../ui/printing/print_jobs.py" line="293" />
        <source>Sin impresora</source>
        <translation>No printer</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="95" />
        <source>No hay ninguna impresora instalada en esta PC.</source>
        <translation>No printer is installed on this PC.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="103" />
        <source>Imprimir</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="104" />
        <source>Impresora:</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="124" />
        <source>Guardado en %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="147" />
        <source>Preparando los documentos…</source>
        <translation>Preparing the documents…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="199" />
        <source>Imprimiendo…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="223" />
        <source>Impresión cancelada; no se registró.</source>
        <translation>Printing cancelled; not recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="294" />
        <source>No hay ninguna impresora instalada. ¿Guardar el documento como PDF?</source>
        <translation>No printer is installed. Save the document as a PDF?</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="299" />
        <source>No guardar</source>
        <translation>Don't save</translation>
    </message>
    <message>
        <location filename="../../ui/printing/print_jobs.py" line="269" />
        <location filename="../../ui/printing/print_jobs.py" line="303" />
        <location filename="../../ui/printing/print_jobs.py" line="307" />
        <source>No se imprimió.</source>
        <translation>Not printed.</translation>
    </message>
</context>
<context>
    <name>PrintWords</name>
    <message numerus="yes">
        <location filename="../../ui/printing/print_jobs.py" line="116" />
        <source>%Ln página(s) enviada(s) a %1.</source>
        <translation><numerusform>%Ln page sent to %1.</numerusform><numerusform>%Ln pages sent to %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>PrinterSettings</name>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="30" />
        <source>Impresoras</source>
        <translation>Printers</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="37" />
        <source>(no imprimir tickets al guardar)</source>
        <translation>(do not print tickets when saving)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="39" />
        <source>Impresora de tickets:</source>
        <translation>Ticket printer:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="45" />
        <source>Ancho del ticket:</source>
        <translation>Ticket width:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="47" />
        <source>Con su controlador (Windows o CUPS)</source>
        <translation>With its driver (Windows or CUPS)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="49" />
        <source>Impresora de recibos ESC/POS (sin controlador)</source>
        <translation>ESC/POS receipt printer (no driver)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="53" />
        <source>Tipo de impresora de tickets:</source>
        <translation>Ticket printer type:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="56" />
        <source>vacío: su cola, en RAW; o 192.168.1.50:9100, /dev/usb/lp0, COM3</source>
        <translation>empty: its queue, as RAW; or 192.168.1.50:9100, /dev/usb/lp0, COM3</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="58" />
        <source>Conexión ESC/POS:</source>
        <translation>ESC/POS connection:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="60" />
        <source>Imprimir ticket de prueba</source>
        <translation>Print test ticket</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="64" />
        <source>(la predeterminada del sistema)</source>
        <translation>(the system default)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="66" />
        <source>Impresora de documentos:</source>
        <translation>Document printer:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="67" />
        <source>Imprimir página de prueba</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="85" />
        <source>%1 (no instalada)</source>
        <translation>%1 (not installed)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="101" />
        <source>Coop Desktop: prueba de impresión</source>
        <translation>Coop Desktop: print test</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="102" />
        <source>Fecha: %1</source>
        <translation>Date: %1</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="116" />
        <source>Prueba de ticket</source>
        <translation>Ticket test</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="126" />
        <source>Ticket de prueba enviado a %1.</source>
        <translation>Test ticket sent to %1.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/printer_settings.py" line="128" />
        <source>No se imprimió la prueba.</source>
        <translation>The test was not printed.</translation>
    </message>
</context>
<context>
    <name>QualityView</name>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="52" />
        <source>Laboratorio (opcional)</source>
        <translation>Laboratory (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="54" />
        <source>N° de entrega (opcional)</source>
        <translation>Delivery No. (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="56" />
        <source>Fecha de muestra:</source>
        <translation>Sample date:</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="68" />
        <location filename="../../ui/quality/quality_view.py" line="99" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="71" />
        <source>Grasa %</source>
        <translation>Fat %</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="72" />
        <source>Proteína %</source>
        <translation>Protein %</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="73" />
        <source>ST %</source>
        <translation>TS %</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="74" />
        <source>SNF %</source>
        <translation>SNF %</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="75" />
        <source>Densidad</source>
        <translation>Density</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="76" />
        <source>Acidez</source>
        <translation>Acidity</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="77" />
        <source>UFC/mL</source>
        <translation>CFU/mL</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="78" />
        <source>CCS/mL</source>
        <translation>SCC/mL</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="79" />
        <source>TRAM h</source>
        <translation>MBRT h</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="80" />
        <source>Agua %</source>
        <translation>Water %</translation>
    </message>
    <message>
        <location filename="../../ui/quality/quality_view.py" line="130" />
        <source>Fuera del valor de referencia</source>
        <translation>Outside the reference value</translation>
    </message>
</context>
<context>
    <name>ReauthDialog</name>
    <message>
        <location filename="../../ui/common/password.py" line="36" />
        <source>Confirme su contraseña</source>
        <translation>Confirm your password</translation>
    </message>
    <message>
        <location filename="../../ui/common/password.py" line="39" />
        <source>Para %1, %2 debe escribir de nuevo su contraseña.</source>
        <translation>To %1, %2 must type their password again.</translation>
    </message>
    <message>
        <location filename="../../ui/common/password.py" line="49" />
        <source>Confirmar</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../ui/common/password.py" line="54" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReceptionTab</name>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="49" />
        <source>&lt;b&gt;Despachos sin recepción&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dispatches not yet received&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="54" />
        <source>Cantidad que midió el comprador</source>
        <translation>Quantity the buyer measured</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="59" />
        <source>Grasa %</source>
        <translation>Fat %</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="61" />
        <source>Densidad</source>
        <translation>Density</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="63" />
        <source>Motivo del rechazo</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="64" />
        <source>Registrar recepción</source>
        <translation>Record reception</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="65" />
        <source>Rechazado</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="79" />
        <source>&lt;b&gt;Recepciones registradas&lt;/b&gt;</source>
        <translation>&lt;b&gt;Receptions recorded&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="82" />
        <source>Anular recepción…</source>
        <translation>Void reception…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="106" />
        <source>rechazado: %1</source>
        <translation>rejected: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="123" />
        <source>No hay despachos pendientes.</source>
        <translation>No dispatches waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="146" />
        <source>Guía %1: rechazada.</source>
        <translation>Guide %1: rejected.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="148" />
        <source>Guía %1: venta de %2.</source>
        <translation>Guide %1: sale of %2.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="160" />
        <source>Elija la recepción a anular.</source>
        <translation>Choose the reception to void.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="163" />
        <source>Anular recepción</source>
        <translation>Void reception</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="163" />
        <source>Motivo para anular la recepción:</source>
        <translation>Reason to void the reception:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/reception_tab.py" line="173" />
        <source>Guía %1: recepción anulada; puede registrarla de nuevo.</source>
        <translation>Guide %1: reception void; it can be recorded again.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/main_window.py" line="42" />
        <source>administrador</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43" />
        <source>tesorero</source>
        <translation>treasurer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>acopiador</source>
        <translation>collector</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45" />
        <source>vigilancia</source>
        <translation>oversight committee</translation>
    </message>
</context>
<context>
    <name>RouteModel</name>
    <message>
        <location filename="../../ui/collection/route_view.py" line="56" />
        <source>Orden</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="57" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="58" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="59" />
        <source>Últimas entregas</source>
        <translation>Last deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="60" />
        <source>Cantidad (L)</source>
        <translation>Quantity (L)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="61" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="122" />
        <source>Guardando…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="125" />
        <source>Registrada</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="125" />
        <source>Rechazada</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>RouteView</name>
    <message>
        <location filename="../../ui/collection/route_view.py" line="190" />
        <source>Mañana</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="191" />
        <source>Tarde</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="193" />
        <source>Centro de acopio:</source>
        <translation>Collection centre:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="195" />
        <source>Fecha:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="195" />
        <source>Turno:</source>
        <translation>Shift:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="250" />
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/collection/route_view.py" line="253" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln member</numerusform><numerusform>%Ln members</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="278" />
        <source>Se registra en: %1, turno de %2.</source>
        <translation>Recorded on: %1, %2 shift.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/route_view.py" line="261" />
        <source>No hay centros de acopio todavía: créelos en la pestaña «Centros y rutas».</source>
        <translation>There are no collection centres yet: create them on the «Centres and routes» tab.</translation>
    </message>
</context>
<context>
    <name>SafeQuestion</name>
    <message>
        <location filename="../../ui/common/confirm.py" line="27" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SalesView</name>
    <message>
        <location filename="../../ui/sales/sales_view.py" line="29" />
        <source>Despachos</source>
        <translation>Dispatches</translation>
    </message>
    <message>
        <location filename="../../ui/sales/sales_view.py" line="30" />
        <source>Recepciones</source>
        <translation>Receptions</translation>
    </message>
    <message>
        <location filename="../../ui/sales/sales_view.py" line="31" />
        <source>Compradores y cuentas</source>
        <translation>Buyers and accounts</translation>
    </message>
    <message>
        <location filename="../../ui/sales/sales_view.py" line="32" />
        <source>Tanque</source>
        <translation>Tank</translation>
    </message>
    <message>
        <location filename="../../ui/sales/sales_view.py" line="33" />
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../ui/sales/sales_view.py" line="34" />
        <source>Gastos</source>
        <translation>Expenses</translation>
    </message>
    <message>
        <location filename="../../ui/sales/sales_view.py" line="35" />
        <source>Planta propia</source>
        <translation>Own plant</translation>
    </message>
</context>
<context>
    <name>ScaleControl</name>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="39" />
        <source>ST,GS,+ 12.50 kg</source>
        <translation>ST,GS,+ 12.50 kg</translation>
    </message>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="40" />
        <source>12.50 kg ? (inestable)</source>
        <translation>12.50 kg ? (unsteady)</translation>
    </message>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="41" />
        <source>Solo el número</source>
        <translation>Number only</translation>
    </message>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="42" />
        <source>Patrón propio</source>
        <translation>Own pattern</translation>
    </message>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="56" />
        <location filename="../../ui/collection/scale_control.py" line="78" />
        <source>Conectar balanza</source>
        <translation>Connect scale</translation>
    </message>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="60" />
        <source>Balanza:</source>
        <translation>Scale:</translation>
    </message>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="87" />
        <source>Desconectar</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <location filename="../../ui/collection/scale_control.py" line="100" />
        <source>%1 estable</source>
        <translation>%1 steady</translation>
    </message>
</context>
<context>
    <name>SchemeEditor</name>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="90" />
        <source>Esquema</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="96" />
        <source>Componentes del precio</source>
        <translation>Price components</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="112" />
        <source>Agregar</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="114" />
        <source>Quitar</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="117" />
        <source>Subir</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="120" />
        <source>Bajar</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="142" />
        <source>Rechazos</source>
        <translation>Rejections</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="292" />
        <source>Esquema válido.</source>
        <translation>Valid scheme.</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_editor.py" line="294" />
        <source>%1 problemas: corríjalos para poder guardar.</source>
        <translation>%1 problems: fix them to be able to save.</translation>
    </message>
</context>
<context>
    <name>SchemeForm</name>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="169" />
        <location filename="../../ui/prices/scheme_form.py" line="219" />
        <source>detener el cierre</source>
        <translation>stop the close</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="170" />
        <source>avisar y pagar sin este factor</source>
        <translation>warn and pay without this factor</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="171" />
        <source>usar el valor</source>
        <translation>use the value</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="172" />
        <source>aplicar el monto</source>
        <translation>apply the amount</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="184" />
        <source>valor</source>
        <translation>value</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="220" />
        <source>usar la casilla más cercana</source>
        <translation>use the nearest cell</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="221" />
        <source>pagar la tarifa</source>
        <translation>pay the rate</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="254" />
        <source>Agregar fila</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="255" />
        <source>Quitar fila</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="360" />
        <source>Límites de filas:</source>
        <translation>Row edges:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="361" />
        <source>Límites de columnas:</source>
        <translation>Column edges:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="450" />
        <source>Fuera de la tabla:</source>
        <translation>Outside the chart:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="482" />
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="483" />
        <source>Hasta (sin incluir)</source>
        <translation>Up to (excluded)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="484" />
        <source>Monto</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="485" />
        <source>Etiqueta</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="486" />
        <source>Medida</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="487" />
        <source>Si es positiva</source>
        <translation>If positive</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="488" />
        <source>Sobre</source>
        <translation>Above</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="489" />
        <source>Bajo</source>
        <translation>Below</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="490" />
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="491" />
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="505" />
        <source>la prueba de cada entrega</source>
        <translation>each delivery's test</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="506" />
        <source>la última muestra</source>
        <translation>the latest sample</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="507" />
        <source>el promedio de muestras del periodo</source>
        <translation>the average of the period's samples</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="508" />
        <source>las últimas muestras, ponderadas</source>
        <translation>the latest samples, weighted</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="509" />
        <source>el total del periodo</source>
        <translation>the period total</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="510" />
        <source>el promedio diario</source>
        <translation>the daily average</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="511" />
        <source>leche enfriada</source>
        <translation>cooled milk</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="512" />
        <source>hato saneado</source>
        <translation>healthy herd</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="513" />
        <source>orgánica</source>
        <translation>organic</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="514" />
        <source>regenerativa</source>
        <translation>regenerative</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="515" />
        <source>buenas prácticas</source>
        <translation>good practice</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="516" />
        <source>el promedio ponderado de muestras</source>
        <translation>the weighted average of samples</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="517" />
        <source>litro (L)</source>
        <translation>litre (L)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="518" />
        <source>kilogramo (kg)</source>
        <translation>kilogram (kg)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="519" />
        <source>100 libras</source>
        <translation>100 pounds</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="520" />
        <source>100 kilogramos</source>
        <translation>100 kilograms</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="521" />
        <source>libra (lb)</source>
        <translation>pound (lb)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="440" />
        <source>Nombre en la boleta:</source>
        <translation>Name on the statement:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="449" />
        <source>Si falta la medida:</source>
        <translation>If the measure is missing:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="494" />
        <source>Precio base</source>
        <translation>Base price</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="441" />
        <source>Precio por unidad:</source>
        <translation>Price per unit:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="495" />
        <source>Escalones sobre una referencia</source>
        <translation>Steps around a reference</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="442" />
        <source>Medida:</source>
        <translation>Measure:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="443" />
        <source>Referencia:</source>
        <translation>Reference:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="444" />
        <source>Tamaño del escalón:</source>
        <translation>Step size:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="445" />
        <source>Bonificación por escalón:</source>
        <translation>Bonus per step:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="446" />
        <source>Castigo por escalón:</source>
        <translation>Penalty per step:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="447" />
        <source>Bonificación máxima:</source>
        <translation>Maximum bonus:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="448" />
        <source>Castigo máximo:</source>
        <translation>Maximum penalty:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="496" />
        <source>Bandas (higiene, células)</source>
        <translation>Bands (hygiene, cells)</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="451" />
        <source>Bandas:</source>
        <translation>Bands:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="497" />
        <source>Bonificación por condición</source>
        <translation>Bonus for a condition</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="452" />
        <source>Condición:</source>
        <translation>Condition:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="453" />
        <source>Monto:</source>
        <translation>Amount:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="498" />
        <source>Tramos por volumen</source>
        <translation>Volume tiers</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="454" />
        <source>Según:</source>
        <translation>On:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="455" />
        <source>Tramos:</source>
        <translation>Tiers:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="499" />
        <source>Pago por kg de componente</source>
        <translation>Payment per kg of component</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="477" />
        <source>Componente:</source>
        <translation>Component:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="478" />
        <source>Precio por kg:</source>
        <translation>Price per kg:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="500" />
        <source>Tabla grasa × SNG</source>
        <translation>Fat × SNF chart</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="456" />
        <source>Medida de las filas:</source>
        <translation>Row measure:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="457" />
        <source>Medida de las columnas:</source>
        <translation>Column measure:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="458" />
        <source>Precios:</source>
        <translation>Prices:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="501" />
        <source>Ajuste lineal</source>
        <translation>Linear adjustment</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="479" />
        <source>Monto por unidad de diferencia:</source>
        <translation>Amount per unit of difference:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="459" />
        <source>Unidad de diferencia:</source>
        <translation>Unit of difference:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="460" />
        <source>Mínimo:</source>
        <translation>Minimum:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="461" />
        <source>Máximo:</source>
        <translation>Maximum:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="502" />
        <source>Monto por volumen</source>
        <translation>Amount per volume</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="462" />
        <source>Por:</source>
        <translation>Per:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="463" />
        <source>Identificador:</source>
        <translation>Identifier:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="464" />
        <source>Título:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="465" />
        <source>Descripción:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="466" />
        <source>Moneda:</source>
        <translation>Currency:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="467" />
        <source>Unidad de precio:</source>
        <translation>Price unit:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="468" />
        <source>Densidad (kg/L):</source>
        <translation>Density (kg/L):</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="469" />
        <source>Base de calidad:</source>
        <translation>Quality basis:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="470" />
        <source>Antigüedad máxima (días):</source>
        <translation>Maximum age (days):</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="471" />
        <source>Pesos (0.6; 0.3; 0.1):</source>
        <translation>Weights (0.6; 0.3; 0.1):</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="472" />
        <source>Precio mínimo:</source>
        <translation>Minimum price:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="473" />
        <source>Precio máximo:</source>
        <translation>Maximum price:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/scheme_form.py" line="474" />
        <source>Reglas de rechazo:</source>
        <translation>Rejection rules:</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="42" />
        <source>Idioma de las pantallas:</source>
        <translation>Screen language:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="45" />
        <source>Datos (archivo o servidor):</source>
        <translation>Data (file or server):</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="48" />
        <source>Vacío: el archivo de siempre en la carpeta de datos. Para compartir los datos entre varias PC use un servidor PostgreSQL, por ejemplo postgresql://tesoreria:clave@192.168.1.10/coop</source>
        <translation>Empty: the usual file in the data folder. To share the data between several PCs use a PostgreSQL server, for example postgresql://tesoreria:clave@192.168.1.10/coop</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="61" />
        <source>Probar conexión</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="63" />
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="80" />
        <source>Guardado. Se aplica la próxima vez que abra el programa.</source>
        <translation>Saved. It applies the next time you open the program.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="86" />
        <source>Probando…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="89" />
        <source>%1 (se creará al abrir el programa)</source>
        <translation>%1 (will be created when the program opens)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings_view.py" line="106" />
        <source>Conexión correcta: %1</source>
        <translation>Connection works: %1</translation>
    </message>
</context>
<context>
    <name>SettlementsModel</name>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="201" />
        <source>por pagar</source>
        <translation>unpaid</translation>
    </message>
    <message>
        <location filename="../../ui/closeout/payroll_model.py" line="202" />
        <source>pagada</source>
        <translation>paid</translation>
    </message>
</context>
<context>
    <name>ShiftModel</name>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="60" />
        <source>N°</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="61" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="62" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="63" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="64" />
        <source>Temp.</source>
        <translation>Temp.</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="65" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="66" />
        <source>Motivo de rechazo</source>
        <translation>Rejection reason</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="96" />
        <source>Rechazada</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/collection/collection_view.py" line="96" />
        <source>Aceptada</source>
        <translation>Accepted</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="108" />
        <source>Bloqueado</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="108" />
        <location filename="../../ui/admin/sign_in.py" line="133" />
        <source>Ingresar</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="112" />
        <source>La sesión de %1 se bloqueó por inactividad.</source>
        <translation>%1's session was locked after inactivity.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="122" />
        <source>Usuario:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="123" />
        <source>Contraseña:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="124" />
        <source>Contraseña nueva:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="125" />
        <source>Repítala:</source>
        <translation>Type it again:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="133" />
        <source>Desbloquear</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="138" />
        <source>Salir del programa</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sign_in.py" line="164" />
        <source>«%1» aún no tiene contraseña: elija una.</source>
        <translation>«%1» has no password yet: choose one.</translation>
    </message>
</context>
<context>
    <name>TankTab</name>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="34" />
        <source>apertura</source>
        <translation>opening</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="34" />
        <source>cierre</source>
        <translation>close</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="43" />
        <source>Litros en el tanque</source>
        <translation>Litres in the tank</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="45" />
        <source>Registrar lectura</source>
        <translation>Record reading</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="48" />
        <source>Centro:</source>
        <translation>Centre:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="61" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="62" />
        <source>Centro</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="63" />
        <source>Momento</source>
        <translation>Moment</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="64" />
        <source>Litros</source>
        <translation>Litres</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="65" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="69" />
        <source>Anular lectura…</source>
        <translation>Void reading…</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="89" />
        <source>ANULADA</source>
        <translation>VOID</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="107" />
        <source>Elija el centro de acopio.</source>
        <translation>Choose the collection centre.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="121" />
        <source>Tanque %1, %2 del %3: %4.</source>
        <translation>Tank %1, %2 of %3: %4.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="133" />
        <source>Elija la lectura a anular.</source>
        <translation>Choose the reading to void.</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="136" />
        <source>Anular lectura</source>
        <translation>Void reading</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="136" />
        <source>Motivo para anularla:</source>
        <translation>Reason to void it:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/tank_tab.py" line="144" />
        <source>Lectura anulada.</source>
        <translation>Reading void.</translation>
    </message>
</context>
<context>
    <name>TermsForm</name>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="37" />
        <source>Precio fijo</source>
        <translation>Fixed price</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="38" />
        <source>Esquema de precios</source>
        <translation>Price scheme</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="49" />
        <source>por L</source>
        <translation>per L</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="50" />
        <source>por kg</source>
        <translation>per kg</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="57" />
        <source>Precio:</source>
        <translation>Price:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="58" />
        <source>S/:</source>
        <translation>S/:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="59" />
        <source>Esquema:</source>
        <translation>Scheme:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="60" />
        <source>Vigente desde:</source>
        <translation>In force from:</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="69" />
        <source>%1 (%2, desde %3)</source>
        <translation>%1 (%2, from %3)</translation>
    </message>
    <message>
        <location filename="../../ui/sales/terms_form.py" line="73" />
        <source>Plantilla: %1</source>
        <translation>Preset: %1</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <location filename="../../ui/admin/users_view.py" line="44" />
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="45" />
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="46" />
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="47" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="48" />
        <source>Último ingreso</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="56" />
        <source>Nuevo usuario</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="62" />
        <source>tesorero — socios, precios, cuentas, cierre y pagos</source>
        <translation>tesorero (treasurer) — members, prices, accounts, closeout and payments</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="63" />
        <source>acopiador — entregas y análisis del periodo abierto</source>
        <translation>acopiador (collector) — deliveries and tests of the open period</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="64" />
        <source>vigilancia — consulta, imprime y verifica; no modifica</source>
        <translation>vigilancia (oversight) — reads, prints and checks; changes nothing</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="65" />
        <source>administrador — todo, incluidos los usuarios</source>
        <translation>administrador (administrator) — everything, users included</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="70" />
        <source>Usuario:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="71" />
        <source>Nombre completo:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="72" />
        <source>Rol:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="73" />
        <source>Contraseña:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="74" />
        <source>Repita la contraseña:</source>
        <translation>Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="75" />
        <source>Crear usuario</source>
        <translation>Create user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="81" />
        <source>Contraseña nueva para el seleccionado</source>
        <translation>New password for the selected user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="83" />
        <source>Desactivar / activar el seleccionado</source>
        <translation>Disable / enable the selected user</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="90" />
        <source>Mi contraseña</source>
        <translation>My password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="95" />
        <source>Contraseña actual:</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="96" />
        <source>Contraseña nueva:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="97" />
        <source>Repítala:</source>
        <translation>Type it again:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="98" />
        <source>Cambiar mi contraseña</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="111" />
        <source>Bloquear esta PC tras minutos sin uso (0: nunca):</source>
        <translation>Lock this PC after minutes without use (0: never):</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="127" />
        <source>activo</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="129" />
        <source>desactivado</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="131" />
        <source>sin contraseña</source>
        <translation>no password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="133" />
        <source>bloqueado hasta %1</source>
        <translation>locked until %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="167" />
        <source>Usuario creado: %1</source>
        <translation>User created: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="179" />
        <source>Contraseña nueva</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="180" />
        <source>Contraseña nueva para %1:</source>
        <translation>New password for %1:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="186" />
        <source>Contraseña cambiada: %1</source>
        <translation>Password changed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="197" />
        <source>Usuario desactivado: %1</source>
        <translation>User disabled: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="197" />
        <source>Usuario activado: %1</source>
        <translation>User enabled: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/users_view.py" line="207" />
        <source>Su contraseña fue cambiada.</source>
        <translation>Your password was changed.</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="194" />
        <source>¿Y si…? Simular en un periodo</source>
        <translation>What if…? Simulate on a period</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="203" />
        <source>Simular</source>
        <translation>Simulate</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="205" />
        <source>Periodo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="214" />
        <source>Litros</source>
        <translation>Litres</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="215" />
        <source>Actual S/</source>
        <translation>Current S/</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="216" />
        <source>Simulado S/</source>
        <translation>Simulated S/</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="217" />
        <source>Diferencia S/</source>
        <translation>Difference S/</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="274" />
        <source>%1: actual %2, simulado %3, diferencia &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>%1: current %2, simulated %3, difference &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/prices/price_tools.py" line="275" />
        <source>%Ln socio(s)</source>
        <translation><numerusform>%Ln member</numerusform><numerusform>%Ln members</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="213" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="233" />
        <source>El esquema cambió: pulse Simular para ver la nueva diferencia.</source>
        <translation>The scheme changed: press Simulate to see the new difference.</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="239" />
        <source>Simulando…</source>
        <translation>Simulating…</translation>
    </message>
    <message>
        <location filename="../../ui/prices/price_tools.py" line="244" />
        <source>Simulando el esquema…</source>
        <translation>Simulating the scheme…</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../ui/common/fmt.py" line="116" />
        <source>mañana</source>
        <translation>morning</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="117" />
        <source>tarde</source>
        <translation>afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="118" />
        <source>emitida</source>
        <translation>issued</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="119" />
        <source>pagada</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="120" />
        <source>anulada</source>
        <translation>void</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="121" />
        <source>abierto</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="122" />
        <source>cerrado</source>
        <translation>closed</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="48" />
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_dialogs.py" line="49" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="116" />
        <source>No existe una base de datos en %1. ¿Crear una nueva ahí? (Si la ruta está mal escrita, elija No y corríjala en Configuración o con --db.)</source>
        <translation>There is no database at %1. Create a new one there? (If the path is mistyped, choose No and correct it in Settings or with --db.)</translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <location filename="../../ui/collection/delivery_undo.py" line="42" />
        <source>Entrega de %1</source>
        <translation>Delivery of %1</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_undo.py" line="63" />
        <source>Se deshizo la entrega de %1 (%2).</source>
        <translation>Undid the delivery of %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_undo.py" line="74" />
        <source>Borrado de %1</source>
        <translation>Deletion of %1</translation>
    </message>
    <message>
        <location filename="../../ui/collection/delivery_undo.py" line="111" />
        <source>Corrección de %1</source>
        <translation>Correction of %1</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="36" />
        <source>pendiente</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="37" />
        <source>recibido</source>
        <translation>received</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="38" />
        <source>rechazado</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../ui/sales/dispatch_tab.py" line="39" />
        <source>ANULADO</source>
        <translation>VOID</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/app.py" line="223" />
        <source>La contraseña del servidor se guardó aparte (%1); no quedó en la configuración.</source>
        <translation>The server's password was stored apart (%1); it is not in the settings.</translation>
    </message>
</context>
</TS>