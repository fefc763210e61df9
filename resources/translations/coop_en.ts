<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AccountsView</name>
    <message>
        <location filename="../../ui/accounts_view.py" line="42" />
        <source>Ver cuenta</source>
        <translation>Show account</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="52" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="53" />
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="54" />
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="55" />
        <source>Monto S/</source>
        <translation>Amount S/</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="56" />
        <source>Saldo S/</source>
        <translation>Balance S/</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="70" />
        <source>Adelanto en efectivo</source>
        <translation>Cash advance</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="71" />
        <location filename="../../ui/accounts_view.py" line="95" />
        <location filename="../../ui/accounts_view.py" line="109" />
        <source>Monto S/:</source>
        <translation>Amount S/:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="72" />
        <source>Registrar adelanto</source>
        <translation>Record advance</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="79" />
        <source>Insumo al crédito</source>
        <translation>Input on credit</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="80" />
        <source>Producto:</source>
        <translation>Product:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="80" />
        <source>Cantidad:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="81" />
        <source>Registrar venta</source>
        <translation>Record sale</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="87" />
        <source>Positivo: a favor del socio</source>
        <translation>Positive: in the member's favour</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="90" />
        <source>N° de movimiento (opcional)</source>
        <translation>Entry No. (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="93" />
        <source>Ajuste</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="96" />
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="97" />
        <source>Corrige:</source>
        <translation>Corrects:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="99" />
        <source>Registrar ajuste</source>
        <translation>Record adjustment</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="108" />
        <source>Préstamo</source>
        <translation>Loan</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="109" />
        <source>Cuotas:</source>
        <translation>Instalments:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="110" />
        <source>Registrar préstamo</source>
        <translation>Record loan</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="115" />
        <source>Cargos recurrentes (los aplica cada cierre)</source>
        <translation>Recurring charges (applied by every close)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="155" />
        <source>Cuotas: %1</source>
        <translation>Instalments: %1</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="167" />
        <source>Registrado.</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="178" />
        <source>por litro</source>
        <translation>per litre</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="178" />
        <source>por periodo</source>
        <translation>per period</translation>
    </message>
    <message>
        <location filename="../../ui/accounts_view.py" line="181" />
        <source>Ninguno (coop charge add …)</source>
        <translation>None (coop charge add …)</translation>
    </message>
</context>
<context>
    <name>AdjustmentDialog</name>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="92" />
        <source>Registrar ajuste</source>
        <translation>Record adjustment</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="99" />
        <source>El periodo %1 está cerrado. El ajuste se registra hoy, en el periodo abierto, y se liquida en el próximo cierre.</source>
        <translation>Period %1 is closed. The adjustment is recorded today, in the open period, and settled at the next closeout.</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="106" />
        <source>Positivo: a favor del socio</source>
        <translation>Positive: in the member's favour</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="108" />
        <source>Socio:</source>
        <translation>Member:</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="109" />
        <source>Monto S/:</source>
        <translation>Amount S/:</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="110" />
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>CloseoutView</name>
    <message>
        <location filename="../../ui/closeout_view.py" line="67" />
        <source>Vista previa</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="68" />
        <source>Cerrar periodo</source>
        <translation>Close period</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="69" />
        <source>Reabrir…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="70" />
        <source>Imprimir…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="71" />
        <source>Registrar pagos…</source>
        <translation>Record payments…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="72" />
        <source>Periodo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="121" />
        <source>Calculando…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="126" />
        <source>Calculando la vista previa…</source>
        <translation>Computing the preview…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="155" />
        <source>%1: la entrega %2 no tiene %3</source>
        <translation>%1: delivery %2 lacks %3</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="163" />
        <source>%1: %2 L rechazados</source>
        <translation>%1: %2 L rejected</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="169" />
        <source>%1: los descuentos superan la leche; pasan S/ %2 al periodo siguiente</source>
        <translation>%1: deductions exceed the milk; S/ %2 carried to the next period</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="175" />
        <source>%1 socios · %2 kg · bruto S/ %3 · descuentos S/ %4 · neto S/ %5</source>
        <translation>%1 members · %2 kg · gross S/ %3 · deductions S/ %4 · net S/ %5</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="184" />
        <source>Periodo %1 cerrado.</source>
        <translation>Period %1 closed.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="186" />
        <source>Vista previa de %1: nada se ha guardado.</source>
        <translation>Preview of %1: nothing has been saved.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="198" />
        <source>Cerrar con avisos</source>
        <translation>Close with warnings</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="200" />
        <source>Hay %1 avisos en la vista previa. ¿Cerrar el periodo de todos modos?</source>
        <translation>The preview has %1 warnings. Close the period anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="220" />
        <source>Cerrando el periodo…</source>
        <translation>Closing the period…</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="228" />
        <source>Reabrir periodo</source>
        <translation>Reopen period</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="228" />
        <source>Motivo para reabrir %1:</source>
        <translation>Reason to reopen %1:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="238" />
        <source>Periodo %1 reabierto; %2 liquidaciones anuladas.</source>
        <translation>Period %1 reopened; %2 settlements voided.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="246" />
        <source>Efectivo</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="247" />
        <source>Transferencia bancaria</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="248" />
        <source>Billetera móvil</source>
        <translation>Mobile wallet</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="251" />
        <source>Registrar pagos</source>
        <translation>Record payments</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="251" />
        <source>Forma de pago:</source>
        <translation>Payment method:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="261" />
        <source>%1 liquidaciones marcadas como pagadas.</source>
        <translation>%1 settlements marked paid.</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="268" />
        <source>Recibos</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="269" />
        <source>Estados de cuenta</source>
        <translation>Statements</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="270" />
        <source>Planilla de pago</source>
        <translation>Payroll</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="274" />
        <source>Imprimir</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="274" />
        <source>Documento:</source>
        <translation>Document:</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="281" />
        <source>Guardar PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="320" />
        <source>Guardado en %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location filename="../../ui/closeout_view.py" line="327" />
        <source>Preparando los documentos…</source>
        <translation>Preparing the documents…</translation>
    </message>
</context>
<context>
    <name>CollectionSection</name>
    <message>
        <location filename="../../ui/collection_section.py" line="16" />
        <source>Registro del turno</source>
        <translation>This shift</translation>
    </message>
    <message>
        <location filename="../../ui/collection_section.py" line="20" />
        <source>Por ruta</source>
        <translation>By route</translation>
    </message>
    <message>
        <location filename="../../ui/collection_section.py" line="21" />
        <location filename="../../ui/collection_section.py" line="36" />
        <source>Todas las entregas</source>
        <translation>All deliveries</translation>
    </message>
</context>
<context>
    <name>CollectionView</name>
    <message>
        <location filename="../../ui/collection_view.py" line="181" />
        <source>Mañana</source>
        <translation>Morning</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="182" />
        <source>Tarde</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="188" />
        <source>Fecha:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="188" />
        <source>Turno:</source>
        <translation>Shift:</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="195" />
        <source>Registrar ajuste…</source>
        <translation>Record adjustment…</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="203" />
        <source>Litros</source>
        <translation>Litres</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="207" />
        <source>°C (opcional)</source>
        <translation>°C (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="209" />
        <source>1.030 (opcional)</source>
        <translation>1.030 (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="210" />
        <source>Alcohol positivo</source>
        <translation>Alcohol positive</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="212" />
        <source>Motivo de rechazo (vacío: aceptada)</source>
        <translation>Rejection reason (empty: accepted)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="213" />
        <source>Guardar (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="215" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="216" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="218" />
        <source>Temperatura</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="219" />
        <source>Densidad</source>
        <translation>Density</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="221" />
        <source>Rechazo</source>
        <translation>Rejection</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="340" />
        <source>Turno: %1 entregas, %2 L · Día: %3 L</source>
        <translation>Shift: %1 deliveries, %2 L · Day: %3 L</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="423" />
        <source>Entrega guardada; el ticket no se imprimió: %1</source>
        <translation>Delivery saved; the ticket was not printed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="298" />
        <source>El periodo %1 está cerrado: no se pueden registrar entregas en esta fecha. Registre un ajuste en el periodo abierto.</source>
        <translation>Period %1 is closed: no deliveries can be recorded on this date. Record an adjustment in the open period.</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="375" />
        <source>Entrega repetida</source>
        <translation>Repeated delivery</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="376" />
        <source>%1 ya entregó en este turno. ¿Registrar otra entrega?</source>
        <translation>%1 already delivered in this shift. Record another delivery?</translation>
    </message>
</context>
<context>
    <name>DeliveriesView</name>
    <message>
        <location filename="../../ui/deliveries_view.py" line="78" />
        <source>%1 entregas registradas</source>
        <translation>%1 deliveries recorded</translation>
    </message>
</context>
<context>
    <name>EditDeliveryDialog</name>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="52" />
        <source>Corregir entrega %1</source>
        <translation>Correct delivery %1</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="67" />
        <source>Cantidad (%1):</source>
        <translation>Quantity (%1):</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="68" />
        <source>Temperatura:</source>
        <translation>Temperature:</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="69" />
        <source>Motivo de rechazo:</source>
        <translation>Rejection reason:</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="36" />
        <source>Bienvenido a Coop Desktop</source>
        <translation>Welcome to Coop Desktop</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="40" />
        <source>No hay una asociación en esta base de datos.
Cree su asociación o cargue datos de demostración para conocer el programa.</source>
        <translation>There is no association in this database.
Create yours, or load demo data to get to know the program.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="48" />
        <source>Asociación de Productores Lecheros …</source>
        <translation>Dairy Producers Association …</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="50" />
        <source>11 dígitos (opcional)</source>
        <translation>11 digits (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="52" />
        <source>Nombre de la asociación:</source>
        <translation>Association name:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="53" />
        <source>RUC:</source>
        <translation>RUC:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="58" />
        <source>Dirección:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="59" />
        <source>Distrito:</source>
        <translation>District:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="60" />
        <source>Provincia:</source>
        <translation>Province:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="61" />
        <source>Departamento:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="64" />
        <source>Mensual</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="65" />
        <source>Quincenal (1–15 y 16–fin de mes)</source>
        <translation>Fortnightly (1–15 and 16–end of month)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="66" />
        <source>Por décadas (cada 10 días)</source>
        <translation>By ten days</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="67" />
        <source>Semanal</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="70" />
        <source>Ciclo de pago:</source>
        <translation>Payment cycle:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="73" />
        <source>Serie de liquidaciones:</source>
        <translation>Settlement series:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="75" />
        <source>(sin logo)</source>
        <translation>(no logo)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="76" />
        <source>Elegir logo…</source>
        <translation>Choose logo…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="80" />
        <source>Logo:</source>
        <translation>Logo:</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="88" />
        <source>Crear asociación</source>
        <translation>Create association</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="89" />
        <source>Cargar datos de demostración</source>
        <translation>Load demo data</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="100" />
        <source>Logo de la asociación</source>
        <translation>Association logo</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="100" />
        <source>Imágenes (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="149" />
        <source>Cargando datos de demostración…</source>
        <translation>Loading demo data…</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../ui/home_view.py" line="38" />
        <source>Base de datos: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/home_view.py" line="46" />
        <source>Hoy: mañana %1 L, tarde %2 L (%3 entregas)</source>
        <translation>Today: morning %1 L, afternoon %2 L (%3 deliveries)</translation>
    </message>
</context>
<context>
    <name>LazyDeliveries</name>
    <message>
        <location filename="../../ui/deliveries_view.py" line="26" />
        <source>N° entrega</source>
        <translation>Delivery No.</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="27" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="28" />
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="29" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="30" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="31" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="32" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="34" />
        <source>mañana</source>
        <translation>morning</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="34" />
        <source>tarde</source>
        <translation>afternoon</translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="58" />
        <source>Rechazada: </source>
        <translation>Rejected: </translation>
    </message>
    <message>
        <location filename="../../ui/deliveries_view.py" line="60" />
        <source>Aceptada</source>
        <translation>Accepted</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="57" />
        <source>(sin asociación)</source>
        <translation>(no association)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59" />
        <source>Coop Desktop — %1</source>
        <translation>Coop Desktop — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70" />
        <source>Inicio</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="71" />
        <source>Socios</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72" />
        <source>Acopio</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="73" />
        <source>Calidad</source>
        <translation>Quality</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74" />
        <source>Precios</source>
        <translation>Prices</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76" />
        <source>Cuentas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77" />
        <source>Cierre</source>
        <translation>Closeout</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="78" />
        <source>Documentos</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80" />
        <source>Configuración</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93" />
        <source>Base de datos: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97" />
        <source>Periodo abierto: %1</source>
        <translation>Open period: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159" />
        <source>&amp;Archivo</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160" />
        <source>&amp;Salir</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164" />
        <source>&amp;Ir a</source>
        <translation>&amp;Go to</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170" />
        <source>&amp;Editar</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>&amp;Deshacer entrega</source>
        <translation>&amp;Undo delivery</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../ui/member_dialog.py" line="33" />
        <source>Editar socio</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="33" />
        <source>Nuevo socio</source>
        <translation>New member</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="38" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="39" />
        <source>Nombres</source>
        <translation>Given names</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="40" />
        <source>Apellidos</source>
        <translation>Surnames</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="41" />
        <source>DNI</source>
        <translation>DNI</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="42" />
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="43" />
        <source>Comunidad</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="44" />
        <source>Distrito</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="45" />
        <source>Provincia</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="61" />
        <source>Mujer</source>
        <translation>Woman</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="62" />
        <source>Hombre</source>
        <translation>Man</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="65" />
        <source>Sexo</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="74" />
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/member_dialog.py" line="75" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MemberField</name>
    <message>
        <location filename="../../ui/member_lookup.py" line="57" />
        <source>Código o nombre del socio</source>
        <translation>Member code or name</translation>
    </message>
</context>
<context>
    <name>MemberModel</name>
    <message>
        <location filename="../../ui/member_model.py" line="23" />
        <source>Activo(a)</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="24" />
        <source>Suspendido(a)</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="25" />
        <source>Retirado(a)</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="28" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="29" />
        <source>Nombres y apellidos</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="30" />
        <source>DNI</source>
        <translation>DNI</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="31" />
        <source>Comunidad</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="32" />
        <source>Distrito</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/member_model.py" line="33" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MemberPage</name>
    <message>
        <location filename="../../ui/member_page.py" line="40" />
        <source>Ficha de %1</source>
        <translation>Record of %1</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="52" />
        <location filename="../../ui/member_page.py" line="73" />
        <location filename="../../ui/member_page.py" line="95" />
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="52" />
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="52" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="52" />
        <location filename="../../ui/member_page.py" line="117" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="58" />
        <source>Rechazada: </source>
        <translation>Rejected: </translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="60" />
        <source>Aceptada</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="66" />
        <source>Entregas</source>
        <translation>Deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="74" />
        <source>Grasa %</source>
        <translation>Fat %</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="75" />
        <source>ST %</source>
        <translation>TS %</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="76" />
        <source>SNF %</source>
        <translation>SNF %</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="77" />
        <source>Proteína %</source>
        <translation>Protein %</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="78" />
        <source>UFC/mL</source>
        <translation>CFU/mL</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="79" />
        <source>CCS/mL</source>
        <translation>SCC/mL</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="90" />
        <source>Calidad</source>
        <translation>Quality</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="95" />
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="95" />
        <source>Monto S/</source>
        <translation>Amount S/</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="95" />
        <source>Saldo S/</source>
        <translation>Balance S/</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="107" />
        <source>Cuenta</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="113" />
        <source>Liquidación</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="114" />
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="115" />
        <source>Bruto S/</source>
        <translation>Gross S/</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="116" />
        <source>Neto S/</source>
        <translation>Net S/</translation>
    </message>
    <message>
        <location filename="../../ui/member_page.py" line="125" />
        <source>Documentos</source>
        <translation>Documents</translation>
    </message>
</context>
<context>
    <name>MembersView</name>
    <message>
        <location filename="../../ui/members_view.py" line="34" />
        <source>Buscar por código, nombre, DNI o comunidad</source>
        <translation>Search by code, name, DNI or community</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="38" />
        <source>Todos los estados</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="39" />
        <source>Activos</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="40" />
        <source>Suspendidos</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="41" />
        <source>Retirados</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="49" />
        <source>Nuevo socio</source>
        <translation>New member</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="51" />
        <source>Editar</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="53" />
        <source>Ficha</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="55" />
        <source>Retirar</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../ui/members_view.py" line="82" />
        <source>Todos los distritos</source>
        <translation>All districts</translation>
    </message>
</context>
<context>
    <name>OpRunner</name>
    <message>
        <location filename="../../ui/runner.py" line="68" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Placeholder</name>
    <message>
        <location filename="../../ui/main_window.py" line="40" />
        <source>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;Esta pantalla llega en una próxima versión. Mientras tanto, la misma tarea se hace con &lt;code&gt;%2&lt;/code&gt; (vea el README).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;%1&lt;/h2&gt;&lt;p&gt;This screen comes in a later version. Meanwhile the same task is done with &lt;code&gt;%2&lt;/code&gt; (see the README).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>QualityView</name>
    <message>
        <location filename="../../ui/quality_view.py" line="61" />
        <source>Laboratorio (opcional)</source>
        <translation>Laboratory (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="63" />
        <source>N° de entrega (opcional)</source>
        <translation>Delivery No. (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="65" />
        <source>Fecha de muestra:</source>
        <translation>Sample date:</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="71" />
        <location filename="../../ui/quality_view.py" line="102" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="74" />
        <source>Grasa %</source>
        <translation>Fat %</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="75" />
        <source>Proteína %</source>
        <translation>Protein %</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="76" />
        <source>ST %</source>
        <translation>TS %</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="77" />
        <source>SNF %</source>
        <translation>SNF %</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="78" />
        <source>Densidad</source>
        <translation>Density</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="79" />
        <source>Acidez</source>
        <translation>Acidity</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="80" />
        <source>UFC/mL</source>
        <translation>CFU/mL</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="81" />
        <source>CCS/mL</source>
        <translation>SCC/mL</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="82" />
        <source>TRAM h</source>
        <translation>MBRT h</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="83" />
        <source>Agua %</source>
        <translation>Water %</translation>
    </message>
    <message>
        <location filename="../../ui/quality_view.py" line="130" />
        <source>Fuera del valor de referencia</source>
        <translation>Outside the reference value</translation>
    </message>
</context>
<context>
    <name>RouteView</name>
    <message>
        <location filename="../../ui/route_view.py" line="40" />
        <source>Centro de acopio:</source>
        <translation>Collection centre:</translation>
    </message>
    <message>
        <location filename="../../ui/route_view.py" line="49" />
        <source>Orden</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/route_view.py" line="50" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/route_view.py" line="51" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/route_view.py" line="52" />
        <source>Últimas entregas</source>
        <translation>Last deliveries</translation>
    </message>
    <message>
        <location filename="../../ui/route_view.py" line="53" />
        <source>Cantidad (L)</source>
        <translation>Quantity (L)</translation>
    </message>
    <message>
        <location filename="../../ui/route_view.py" line="54" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/route_view.py" line="88" />
        <source>Registrada</source>
        <translation>Recorded</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../ui/settings_view.py" line="40" />
        <source>Idioma de las pantallas:</source>
        <translation>Screen language:</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="43" />
        <source>Datos (archivo o servidor):</source>
        <translation>Data (file or server):</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="46" />
        <source>Vacío: el archivo de siempre en la carpeta de datos. Para compartir los datos entre varias PC use un servidor PostgreSQL, por ejemplo postgresql://tesoreria:clave@192.168.1.10/coop</source>
        <translation>Empty: the usual file in the data folder. To share the data between several PCs use a PostgreSQL server, for example postgresql://tesoreria:clave@192.168.1.10/coop</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="54" />
        <source>(no imprimir tickets al guardar)</source>
        <translation>(do not print tickets when saving)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="61" />
        <source>Impresora de tickets:</source>
        <translation>Ticket printer:</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="73" />
        <source>Ancho del ticket:</source>
        <translation>Ticket width:</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="76" />
        <source>Probar conexión</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="78" />
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="95" />
        <source>Guardado. Se aplica la próxima vez que abra el programa.</source>
        <translation>Saved. It applies the next time you open the program.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="101" />
        <source>Probando…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="104" />
        <source>%1 (se creará al abrir el programa)</source>
        <translation>%1 (will be created when the program opens)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_view.py" line="121" />
        <source>Conexión correcta: %1</source>
        <translation>Connection works: %1</translation>
    </message>
</context>
<context>
    <name>ShiftModel</name>
    <message>
        <location filename="../../ui/collection_view.py" line="47" />
        <source>N°</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="48" />
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="49" />
        <source>Socio</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="50" />
        <source>Cantidad</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="51" />
        <source>Temp.</source>
        <translation>Temp.</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="52" />
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="66" />
        <source>Rechazada: </source>
        <translation>Rejected: </translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="68" />
        <source>Aceptada</source>
        <translation>Accepted</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="40" />
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialogs.py" line="41" />
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <location filename="../../ui/collection_view.py" line="91" />
        <source>Entrega de %s</source>
        <translation>Delivery of %s</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="113" />
        <source>Borrado de %s</source>
        <translation>Deletion of %s</translation>
    </message>
    <message>
        <location filename="../../ui/collection_view.py" line="145" />
        <source>Corrección de %s</source>
        <translation>Correction of %s</translation>
    </message>
</context>
</TS>