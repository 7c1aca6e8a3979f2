<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>SessionActions</name>
    <message>
        <source>Vizor sessions (*.vizor.json *.json)</source>
        <translation>Sessioni di Vizor (*.vizor.json *.json)</translation>
    </message>
    <message>
        <source>Open Session…</source>
        <translation>Apri sessione…</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Apri sessione</translation>
    </message>
    <message>
        <source>Cannot open %1:
%2</source>
        <translation>Impossibile aprire %1:
%2</translation>
    </message>
    <message>
        <source>Save Session…</source>
        <translation>Salva sessione…</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>Salva sessione</translation>
    </message>
    <message>
        <source>Cannot save %1:
%2</source>
        <translation>Impossibile salvare %1:
%2</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>No program</source>
        <translation>Nessun programma</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>In esecuzione</translation>
    </message>
    <message>
        <source>Paused at a breakpoint</source>
        <translation>In pausa su un punto di interruzione</translation>
    </message>
    <message>
        <source>Paused: step limit reached</source>
        <translation>In pausa: raggiunto il limite di passi</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>In pausa</translation>
    </message>
    <message>
        <source>Halted: powered off (exit code %1)</source>
        <translation>Fermo: spento (codice di uscita %1)</translation>
    </message>
    <message>
        <source>Halted: failure (exit code %1)</source>
        <translation>Fermo: errore (codice di uscita %1)</translation>
    </message>
    <message>
        <source>Halted: waiting for an interrupt that cannot come</source>
        <translation>Fermo: attende un&apos;interruzione che non può arrivare</translation>
    </message>
    <message>
        <source>Halted</source>
        <translation>Fermo</translation>
    </message>
    <message>
        <source>Machine mode</source>
        <translation>Modalità macchina</translation>
    </message>
    <message>
        <source>Supervisor mode</source>
        <translation>Modalità supervisore</translation>
    </message>
    <message>
        <source>User mode</source>
        <translation>Modalità utente</translation>
    </message>
    <message>
        <source>Paused: watched word 0x%1 changed</source>
        <translation>In pausa: la parola osservata 0x%1 è cambiata</translation>
    </message>
    <message>
        <source>Paused after an event breakpoint</source>
        <translation>In pausa dopo un punto di interruzione su evento</translation>
    </message>
</context>
<context>
    <name>vizor::app::AboutDialog</name>
    <message>
        <source>&lt;h2&gt;Vizor %1&lt;/h2&gt;&lt;p&gt;Watch a hypervisor run a RISC-V guest kernel, instruction by instruction.&lt;/p&gt;&lt;p&gt;Vizor is built on:&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Vizor %1&lt;/h2&gt;&lt;p&gt;Guarda un hypervisor eseguire un kernel ospite RISC-V, istruzione per istruzione.&lt;/p&gt;&lt;p&gt;Vizor è costruito su:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versione</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licenza</translation>
    </message>
    <message>
        <source>About Vizor</source>
        <translation>Informazioni su Vizor</translation>
    </message>
    <message>
        <source>&amp;About Vizor</source>
        <translation>&amp;Informazioni su Vizor</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Informazioni su &amp;Qt</translation>
    </message>
</context>
<context>
    <name>vizor::app::DebugActions</name>
    <message>
        <source>Continue</source>
        <translation>Continua</translation>
    </message>
    <message>
        <source>Run until a breakpoint or the end</source>
        <translation>Esegui fino a un punto di interruzione o alla fine</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Pause the running program</source>
        <translation>Metti in pausa il programma in esecuzione</translation>
    </message>
    <message>
        <source>Step Into</source>
        <translation>Passo dentro</translation>
    </message>
    <message>
        <source>Execute one instruction</source>
        <translation>Esegui un&apos;istruzione</translation>
    </message>
    <message>
        <source>Step Over</source>
        <translation>Passo oltre</translation>
    </message>
    <message>
        <source>Step Out</source>
        <translation>Passo fuori</translation>
    </message>
    <message>
        <source>Run until the current function or trap handler returns</source>
        <translation>Esegui finché la funzione corrente o il gestore della trap non ritorna</translation>
    </message>
    <message>
        <source>Step Back</source>
        <translation>Passo indietro</translation>
    </message>
    <message>
        <source>Go back one instruction in time</source>
        <translation>Torna indietro nel tempo di un&apos;istruzione</translation>
    </message>
    <message>
        <source>Reverse Continue</source>
        <translation>Continua all&apos;indietro</translation>
    </message>
    <message>
        <source>Run backwards to the previous breakpoint</source>
        <translation>Esegui all&apos;indietro fino al punto di interruzione precedente</translation>
    </message>
    <message>
        <source>Run to Cursor</source>
        <translation>Esegui fino al cursore</translation>
    </message>
    <message>
        <source>Run until the line of the text cursor</source>
        <translation>Esegui fino alla riga del cursore</translation>
    </message>
    <message>
        <source>Toggle Breakpoint</source>
        <translation>Punto di interruzione sì/no</translation>
    </message>
    <message>
        <source>Set or clear a breakpoint on the cursor&apos;s line</source>
        <translation>Imposta o rimuovi un punto di interruzione sulla riga del cursore</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Riavvia</translation>
    </message>
    <message>
        <source>Restart the program from its first instruction</source>
        <translation>Riavvia il programma dalla prima istruzione</translation>
    </message>
    <message>
        <source>Run the current line; a call runs until it returns</source>
        <translation>Esegui la riga corrente; una chiamata viene eseguita fino al ritorno</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Ferma</translation>
    </message>
    <message>
        <source>End the run and go back to the first instruction</source>
        <translation>Termina l&apos;esecuzione e torna alla prima istruzione</translation>
    </message>
</context>
<context>
    <name>vizor::app::MainWindow</name>
    <message>
        <source>Registers</source>
        <translation>Registri</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemi</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Apri…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Salva &amp;come…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ripeti</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Taglia</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Incolla</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Seleziona t&amp;utto</translation>
    </message>
    <message>
        <source>&amp;Debug</source>
        <translation>&amp;Debug</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>pc 0x%1</source>
        <translation>pc 0x%1</translation>
    </message>
    <message>
        <source>steps %L1</source>
        <translation>passi %L1</translation>
    </message>
    <message>
        <source>instret %L1</source>
        <translation>instret %L1</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Problemi (%1)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Cannot open %1:
%2</source>
        <translation>Impossibile aprire %1:
%2</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cannot save %1:
%2</source>
        <translation>Impossibile salvare %1:
%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Salvato %1</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Salva come</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifiche non salvate</translation>
    </message>
    <message>
        <source>The program has unsaved changes. Save them?</source>
        <translation>Il programma ha modifiche non salvate. Salvarle?</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memoria</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>Registro eventi</translation>
    </message>
    <message>
        <source>Virtual CPU</source>
        <translation>CPU virtuale</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>Trap Stack</source>
        <translation>Pila delle trap</translation>
    </message>
</context>
<context>
    <name>vizor::app::SourceFile</name>
    <message>
        <source>RISC-V assembly (*.s *.S *.asm);;All files (*)</source>
        <translation>Assembly RISC-V (*.s *.S *.asm);;Tutti i file (*)</translation>
    </message>
</context>
<context>
    <name>vizor::app::WorkbenchControls</name>
    <message>
        <source>Timeline</source>
        <translation>Linea del tempo</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Chiaro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>S&amp;curo</translation>
    </message>
    <message>
        <source>&amp;Reduce Motion</source>
        <translation>&amp;Riduci animazioni</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>The new language applies when Vizor starts again.</source>
        <translation>La nuova lingua si applica al prossimo avvio di Vizor.</translation>
    </message>
    <message>
        <source>Guest: %1</source>
        <translation>Guest: %1</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>Ese&amp;mpi</translation>
    </message>
    <message>
        <source>Guest &amp;kernel</source>
        <translation>&amp;Kernel guest</translation>
    </message>
</context>
<context>
    <name>vizor::views::CodeEditor</name>
    <message>
        <source>Click to set or clear a breakpoint</source>
        <translation>Fai clic per impostare o rimuovere un punto di interruzione</translation>
    </message>
</context>
<context>
    <name>vizor::views::ConsoleView</name>
    <message>
        <source>The guest&apos;s console output (UART) appears here.</source>
        <translation>Qui compare l&apos;output della console (UART) del guest.</translation>
    </message>
</context>
<context>
    <name>vizor::views::EventLogModel</name>
    <message>
        <source>Step</source>
        <translation>Passo</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Ciclo</translation>
    </message>
    <message>
        <source>pc</source>
        <translation>pc</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
</context>
<context>
    <name>vizor::views::EventLogView</name>
    <message>
        <source>Any trap</source>
        <translation>Qualsiasi trap</translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation>Interruzione</translation>
    </message>
    <message>
        <source>Page fault</source>
        <translation>Page fault</translation>
    </message>
    <message>
        <source>Trap return (sret/mret)</source>
        <translation>Ritorno dalla trap (sret/mret)</translation>
    </message>
    <message>
        <source>satp write</source>
        <translation>Scrittura di satp</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostra</translation>
    </message>
    <message>
        <source>Which event types the log lists</source>
        <translation>Quali tipi di evento elencare</translation>
    </message>
    <message>
        <source>Break on</source>
        <translation>Ferma su</translation>
    </message>
    <message>
        <source>Stop a run right after an event of these kinds</source>
        <translation>Ferma l&apos;esecuzione subito dopo un evento di questi tipi</translation>
    </message>
    <message>
        <source>Context switch</source>
        <translation>Cambio di contesto</translation>
    </message>
    <message>
        <source>Balloon change</source>
        <translation>Variazione del balloon</translation>
    </message>
    <message>
        <source>Any VM exit</source>
        <translation>Qualsiasi uscita dalla VM</translation>
    </message>
    <message>
        <source>VM exit: privileged instruction</source>
        <translation>Uscita dalla VM: istruzione privilegiata</translation>
    </message>
    <message>
        <source>VM exit: SBI call</source>
        <translation>Uscita dalla VM: chiamata SBI</translation>
    </message>
    <message>
        <source>VM exit: guest exception</source>
        <translation>Uscita dalla VM: eccezione del guest</translation>
    </message>
    <message>
        <source>VM exit: hidden page fault</source>
        <translation>Uscita dalla VM: page fault nascosto</translation>
    </message>
    <message>
        <source>VM exit: page-table write</source>
        <translation>Uscita dalla VM: scrittura nella tabella delle pagine</translation>
    </message>
    <message>
        <source>VM exit: timer interrupt</source>
        <translation>Uscita dalla VM: interruzione del timer</translation>
    </message>
    <message>
        <source>VM exit: hypercall</source>
        <translation>Uscita dalla VM: hypercall</translation>
    </message>
    <message>
        <source>VM exit: MMIO access</source>
        <translation>Uscita dalla VM: accesso MMIO</translation>
    </message>
</context>
<context>
    <name>vizor::views::EventText</name>
    <message>
        <source>instruction address misaligned</source>
        <translation>indirizzo dell&apos;istruzione non allineato</translation>
    </message>
    <message>
        <source>instruction access fault</source>
        <translation>errore di accesso all&apos;istruzione</translation>
    </message>
    <message>
        <source>illegal instruction</source>
        <translation>istruzione illegale</translation>
    </message>
    <message>
        <source>breakpoint (ebreak)</source>
        <translation>breakpoint (ebreak)</translation>
    </message>
    <message>
        <source>load address misaligned</source>
        <translation>indirizzo di lettura non allineato</translation>
    </message>
    <message>
        <source>load access fault</source>
        <translation>errore di accesso in lettura</translation>
    </message>
    <message>
        <source>store/AMO address misaligned</source>
        <translation>indirizzo di scrittura/AMO non allineato</translation>
    </message>
    <message>
        <source>store/AMO access fault</source>
        <translation>errore di accesso in scrittura/AMO</translation>
    </message>
    <message>
        <source>ecall from U-mode</source>
        <translation>ecall dal modo U</translation>
    </message>
    <message>
        <source>ecall from S-mode</source>
        <translation>ecall dal modo S</translation>
    </message>
    <message>
        <source>ecall from M-mode</source>
        <translation>ecall dal modo M</translation>
    </message>
    <message>
        <source>instruction page fault</source>
        <translation>page fault su istruzione</translation>
    </message>
    <message>
        <source>load page fault</source>
        <translation>page fault in lettura</translation>
    </message>
    <message>
        <source>store/AMO page fault</source>
        <translation>page fault in scrittura/AMO</translation>
    </message>
    <message>
        <source>virtual instruction</source>
        <translation>istruzione virtuale</translation>
    </message>
    <message>
        <source>supervisor software interrupt</source>
        <translation>interruzione software del supervisore</translation>
    </message>
    <message>
        <source>machine software interrupt</source>
        <translation>interruzione software della macchina</translation>
    </message>
    <message>
        <source>supervisor timer interrupt</source>
        <translation>interruzione del timer del supervisore</translation>
    </message>
    <message>
        <source>machine timer interrupt</source>
        <translation>interruzione del timer della macchina</translation>
    </message>
    <message>
        <source>supervisor external interrupt</source>
        <translation>interruzione esterna del supervisore</translation>
    </message>
    <message>
        <source>machine external interrupt</source>
        <translation>interruzione esterna della macchina</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>Istruzione</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>Eccezione</translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation>Interruzione</translation>
    </message>
    <message>
        <source>Trap return</source>
        <translation>Ritorno dalla trap</translation>
    </message>
    <message>
        <source>Page walk step</source>
        <translation>Passo della page walk</translation>
    </message>
    <message>
        <source>Page walk</source>
        <translation>Page walk</translation>
    </message>
    <message>
        <source>TLB hit</source>
        <translation>Hit nel TLB</translation>
    </message>
    <message>
        <source>TLB flush</source>
        <translation>Svuotamento del TLB</translation>
    </message>
    <message>
        <source>satp write</source>
        <translation>Scrittura di satp</translation>
    </message>
    <message>
        <source>fence.i</source>
        <translation>fence.i</translation>
    </message>
    <message>
        <source>wfi</source>
        <translation>wfi</translation>
    </message>
    <message>
        <source>Console output</source>
        <translation>Output della console</translation>
    </message>
    <message>
        <source>Timer set</source>
        <translation>Timer impostato</translation>
    </message>
    <message>
        <source>Halt</source>
        <translation>Arresto</translation>
    </message>
    <message>
        <source>Breakpoint hit</source>
        <translation>Punto di interruzione raggiunto</translation>
    </message>
    <message>
        <source>fetch</source>
        <translation>fetch</translation>
    </message>
    <message>
        <source>load</source>
        <translation>lettura</translation>
    </message>
    <message>
        <source>store</source>
        <translation>scrittura</translation>
    </message>
    <message>
        <source>cause %1</source>
        <translation>causa %1</translation>
    </message>
    <message>
        <source>%1, tval %2 → %3-mode</source>
        <translation>%1, tval %2 → modo %3</translation>
    </message>
    <message>
        <source>%1 → %2-mode</source>
        <translation>%1 → modo %2</translation>
    </message>
    <message>
        <source>va %1, level %2: PTE at %3 = %4</source>
        <translation>va %1, livello %2: PTE a %3 = %4</translation>
    </message>
    <message>
        <source>%1 va %2: fault</source>
        <translation>%1 va %2: fault</translation>
    </message>
    <message>
        <source>%1 va %2 → pa %3</source>
        <translation>%1 va %2 → pa %3</translation>
    </message>
    <message>
        <source>mtimecmp = %1</source>
        <translation>mtimecmp = %1</translation>
    </message>
    <message>
        <source>%1, exit code %2</source>
        <translation>%1, codice di uscita %2</translation>
    </message>
    <message>
        <source>VM exit</source>
        <translation>Uscita dalla VM</translation>
    </message>
    <message>
        <source>World switch</source>
        <translation>Cambio di mondo</translation>
    </message>
    <message>
        <source>Virtual trap</source>
        <translation>Trap virtuale</translation>
    </message>
    <message>
        <source>Virtual trap return</source>
        <translation>Ritorno da trap virtuale</translation>
    </message>
    <message>
        <source>SBI call</source>
        <translation>Chiamata SBI</translation>
    </message>
    <message>
        <source>Shadow fault</source>
        <translation>Fault shadow</translation>
    </message>
    <message>
        <source>Shadow sync</source>
        <translation>Sincronizzazione shadow</translation>
    </message>
    <message>
        <source>Context switch</source>
        <translation>Cambio di contesto</translation>
    </message>
    <message>
        <source>VMM → guest</source>
        <translation>VMM → guest</translation>
    </message>
    <message>
        <source>guest → VMM</source>
        <translation>guest → VMM</translation>
    </message>
    <message>
        <source>%1, tval %2 → guest stvec</source>
        <translation>%1, tval %2 → stvec del guest</translation>
    </message>
    <message>
        <source>sret → guest %1-mode at %2</source>
        <translation>sret → guest in modo %1 a %2</translation>
    </message>
    <message>
        <source>privileged instruction</source>
        <translation>istruzione privilegiata</translation>
    </message>
    <message>
        <source>guest exception</source>
        <translation>eccezione del guest</translation>
    </message>
    <message>
        <source>hidden page fault</source>
        <translation>page fault nascosto</translation>
    </message>
    <message>
        <source>page-table write</source>
        <translation>scrittura nella tabella delle pagine</translation>
    </message>
    <message>
        <source>timer interrupt</source>
        <translation>interruzione del timer</translation>
    </message>
    <message>
        <source>hypercall</source>
        <translation>hypercall</translation>
    </message>
    <message>
        <source>MMIO access</source>
        <translation>accesso MMIO</translation>
    </message>
    <message>
        <source>reason %1</source>
        <translation>motivo %1</translation>
    </message>
</context>
<context>
    <name>vizor::views::MemoryModel</name>
    <message>
        <source>0x%1: changed since the last stop (was %2)</source>
        <translation>0x%1: cambiato dall&apos;ultima fermata (era %2)</translation>
    </message>
    <message>
        <source>ASCII</source>
        <translation>ASCII</translation>
    </message>
</context>
<context>
    <name>vizor::views::MemoryView</name>
    <message>
        <source>“%1” is neither an address nor a symbol of the program</source>
        <translation>«%1» non è né un indirizzo né un simbolo del programma</translation>
    </message>
    <message>
        <source>Go to address or symbol (Enter)</source>
        <translation>Vai a indirizzo o simbolo (Invio)</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>Fisico</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>Virtuale</translation>
    </message>
    <message>
        <source>Physical: guest-physical addresses. Virtual: addresses as the program sees them, translated through the current page table.</source>
        <translation>Fisico: indirizzi fisici del guest. Virtuale: indirizzi come li vede il programma, tradotti con la tabella delle pagine corrente.</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Osserva</translation>
    </message>
    <message>
        <source>Stop when the selected word changes (double-click a byte does the same); click again to stop watching</source>
        <translation>Ferma quando la parola selezionata cambia (lo stesso con un doppio clic su un byte); fai di nuovo clic per smettere di osservarla</translation>
    </message>
</context>
<context>
    <name>vizor::views::ProblemsView</name>
    <message>
        <source>Line %1, column %2</source>
        <translation>Riga %1, colonna %2</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Riga %1</translation>
    </message>
</context>
<context>
    <name>vizor::views::RegisterFilter</name>
    <message>
        <source>CSR</source>
        <translation>CSR</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
</context>
<context>
    <name>vizor::views::RegisterModel</name>
    <message>
        <source>M (machine)</source>
        <translation>M (macchina)</translation>
    </message>
    <message>
        <source>S (supervisor)</source>
        <translation>S (supervisore)</translation>
    </message>
    <message>
        <source>U (user)</source>
        <translation>U (utente)</translation>
    </message>
    <message>
        <source>Changed since the last stop (was %1)</source>
        <translation>Cambiato dall&apos;ultima fermata (era %1)</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>ABI</source>
        <translation>ABI</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Decimal</source>
        <translation>Decimale</translation>
    </message>
</context>
<context>
    <name>vizor::views::RegisterTable</name>
    <message>
        <source>Hard-wired zero</source>
        <translation>Zero cablato</translation>
    </message>
    <message>
        <source>Return address</source>
        <translation>Indirizzo di ritorno</translation>
    </message>
    <message>
        <source>Stack pointer</source>
        <translation>Puntatore allo stack</translation>
    </message>
    <message>
        <source>Global pointer</source>
        <translation>Puntatore globale</translation>
    </message>
    <message>
        <source>Thread pointer</source>
        <translation>Puntatore al thread</translation>
    </message>
    <message>
        <source>Temporary</source>
        <translation>Temporaneo</translation>
    </message>
    <message>
        <source>Saved register, frame pointer</source>
        <translation>Registro salvato, puntatore al frame</translation>
    </message>
    <message>
        <source>Saved register</source>
        <translation>Registro salvato</translation>
    </message>
    <message>
        <source>Function argument, return value</source>
        <translation>Argomento di funzione, valore di ritorno</translation>
    </message>
    <message>
        <source>Function argument</source>
        <translation>Argomento di funzione</translation>
    </message>
    <message>
        <source>Function argument, system call number</source>
        <translation>Argomento di funzione, numero della chiamata di sistema</translation>
    </message>
    <message>
        <source>Program counter: the next instruction</source>
        <translation>Contatore di programma: la prossima istruzione</translation>
    </message>
    <message>
        <source>Current privilege mode</source>
        <translation>Modalità di privilegio corrente</translation>
    </message>
    <message>
        <source>Machine status</source>
        <translation>Stato della macchina</translation>
    </message>
    <message>
        <source>Machine ISA: base and extensions</source>
        <translation>ISA della macchina: base ed estensioni</translation>
    </message>
    <message>
        <source>Machine exception delegation to S-mode</source>
        <translation>Delega delle eccezioni alla modalità S</translation>
    </message>
    <message>
        <source>Machine interrupt delegation to S-mode</source>
        <translation>Delega delle interruzioni alla modalità S</translation>
    </message>
    <message>
        <source>Machine interrupt enable</source>
        <translation>Abilitazione delle interruzioni (M)</translation>
    </message>
    <message>
        <source>Machine interrupt pending</source>
        <translation>Interruzioni pendenti (M)</translation>
    </message>
    <message>
        <source>Machine trap-handler base address</source>
        <translation>Indirizzo base del gestore delle trap (M)</translation>
    </message>
    <message>
        <source>Scratch register for machine trap handlers</source>
        <translation>Registro di appoggio per i gestori delle trap (M)</translation>
    </message>
    <message>
        <source>Machine exception program counter</source>
        <translation>Contatore di programma dell&apos;eccezione (M)</translation>
    </message>
    <message>
        <source>Machine trap cause</source>
        <translation>Causa della trap (M)</translation>
    </message>
    <message>
        <source>Machine trap value: bad address or instruction</source>
        <translation>Valore della trap (M): indirizzo o istruzione che l&apos;ha causata</translation>
    </message>
    <message>
        <source>Counters the next lower mode may read</source>
        <translation>Contatori leggibili dalla modalità inferiore</translation>
    </message>
    <message>
        <source>Supervisor status: a restricted view of mstatus</source>
        <translation>Stato del supervisore: una vista ristretta di mstatus</translation>
    </message>
    <message>
        <source>Supervisor trap-handler base address</source>
        <translation>Indirizzo base del gestore delle trap (S)</translation>
    </message>
    <message>
        <source>Scratch register for supervisor trap handlers</source>
        <translation>Registro di appoggio per i gestori delle trap (S)</translation>
    </message>
    <message>
        <source>Supervisor exception program counter</source>
        <translation>Contatore di programma dell&apos;eccezione (S)</translation>
    </message>
    <message>
        <source>Supervisor trap cause</source>
        <translation>Causa della trap (S)</translation>
    </message>
    <message>
        <source>Supervisor trap value: bad address or instruction</source>
        <translation>Valore della trap (S): indirizzo o istruzione che l&apos;ha causata</translation>
    </message>
    <message>
        <source>Supervisor address translation and protection: the page-table root</source>
        <translation>Traduzione e protezione degli indirizzi (S): la radice della tabella delle pagine</translation>
    </message>
    <message>
        <source>Virtual cycles elapsed</source>
        <translation>Cicli virtuali trascorsi</translation>
    </message>
    <message>
        <source>Instructions retired</source>
        <translation>Istruzioni completate</translation>
    </message>
</context>
<context>
    <name>vizor::views::RegisterView</name>
    <message>
        <source>Machine mode</source>
        <translation>Modalità macchina</translation>
    </message>
    <message>
        <source>Supervisor mode</source>
        <translation>Modalità supervisore</translation>
    </message>
    <message>
        <source>User mode</source>
        <translation>Modalità utente</translation>
    </message>
    <message>
        <source>Signed decimal</source>
        <translation>Decimale con segno</translation>
    </message>
    <message>
        <source>Show the decimal column as signed (two&apos;s complement) numbers. ra, sp, gp and tp hold addresses and are always unsigned.</source>
        <translation>Mostra la colonna decimale come numeri con segno (complemento a due). ra, sp, gp e tp contengono indirizzi e sono sempre senza segno.</translation>
    </message>
    <message>
        <source>The hart&apos;s current privilege mode</source>
        <translation>La modalità di privilegio attuale dell&apos;hart</translation>
    </message>
</context>
<context>
    <name>vizor::views::SpeedControl</name>
    <message>
        <source>Simulation speed, from one instruction a second to unthrottled</source>
        <translation>Velocità della simulazione, da un&apos;istruzione al secondo a senza limiti</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Velocità</translation>
    </message>
    <message>
        <source>unthrottled</source>
        <translation>senza limiti</translation>
    </message>
    <message>
        <source>%1 instr/s</source>
        <translation>%1 istr/s</translation>
    </message>
    <message>
        <source>%1 k instr/s</source>
        <translation>%1 k istr/s</translation>
    </message>
    <message>
        <source>%1 M instr/s</source>
        <translation>%1 M istr/s</translation>
    </message>
</context>
<context>
    <name>vizor::views::TimelineBar</name>
    <message>
        <source>Timeline: drag or click to travel to a step; ticks mark traps (red) and interrupts (blue)</source>
        <translation>Linea del tempo: trascina o fai clic per andare a un passo; i segni indicano le trap (rosso) e le interruzioni (blu)</translation>
    </message>
    <message>
        <source>Step %L1</source>
        <translation>Passo %L1</translation>
    </message>
</context>
<context>
    <name>vizor::app::Recovery</name>
    <message>
        <source>Recovered unsaved changes from %1 (Undo returns to the saved program)</source>
        <translation>Recuperate le modifiche non salvate del %1 (Annulla torna al programma salvato)</translation>
    </message>
</context>
<context>
    <name>vizor::views::ScenarioView</name>
    <message>
        <source>The kernel runs on the bare machine, its own firmware included.</source>
        <translation>Il kernel gira sulla macchina nuda, compreso il suo firmware.</translation>
    </message>
    <message>
        <source>The VMM interprets every guest instruction on a software CPU.</source>
        <translation>Il VMM interpreta ogni istruzione del guest su una CPU software.</translation>
    </message>
    <message>
        <source>Trap and emulate: the kernel runs deprivileged; each privileged instruction traps to the VMM, which emulates it.</source>
        <translation>Trap and emulate: il kernel gira senza privilegi; ogni istruzione privilegiata genera una trap verso il VMM, che la emula.</translation>
    </message>
    <message>
        <source>Binary translation: kernel code runs from a translation cache; sensitive instructions become calls into the VMM.</source>
        <translation>Traduzione binaria: il codice del kernel gira da una cache di traduzione; le istruzioni sensibili diventano chiamate al VMM.</translation>
    </message>
    <message>
        <source>Binary patching: sensitive instructions are patched in place before the kernel&apos;s code first runs.</source>
        <translation>Patch binarie: le istruzioni sensibili vengono modificate sul posto prima che il codice del kernel giri per la prima volta.</translation>
    </message>
    <message>
        <source>Paravirtualization: the kernel asks the VMM with hypercalls instead of trapping.</source>
        <translation>Paravirtualizzazione: il kernel chiede al VMM con delle hypercall invece di generare trap.</translation>
    </message>
    <message>
        <source>Hardware-assisted: the kernel runs in VS-mode; only configured events leave the guest as VM exits.</source>
        <translation>Assistita dall&apos;hardware: il kernel gira in modo VS; solo gli eventi configurati escono dal guest come uscite dalla VM.</translation>
    </message>
    <message>
        <source>In force: %1%2</source>
        <translation>In vigore: %1%2</translation>
    </message>
    <message>
        <source>, x86-sensitive</source>
        <translation>, x86-sensitive</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Non applicato: %1</translation>
    </message>
    <message>
        <source>Cost model</source>
        <translation>Modello dei costi</translation>
    </message>
    <message>
        <source>Cost models (*.costs *.txt);;All files (*)</source>
        <translation>Modelli dei costi (*.costs *.txt);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>x86-sensitive (Popek–Goldberg variant)</source>
        <translation>x86-sensitive (variante di Popek–Goldberg)</translation>
    </message>
    <message>
        <source>In U-mode, reading sstatus or satp returns the real value and clearing sstatus.SIE is silently dropped, as PUSHF and POPF do on x86: trap and emulate then breaks</source>
        <translation>In modo U, leggere sstatus o satp restituisce il valore reale e l&apos;azzeramento di sstatus.SIE viene ignorato in silenzio, come fanno PUSHF e POPF su x86: trap and emulate allora non funziona più</translation>
    </message>
    <message>
        <source>built-in costs</source>
        <translation>costi predefiniti</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Sfoglia…</translation>
    </message>
    <message>
        <source>Apply (restarts the program)</source>
        <translation>Applica (riavvia il programma)</translation>
    </message>
</context>
<context>
    <name>vizor::views::VirtualCpuView</name>
    <message>
        <source>all VM exits</source>
        <translation>tutte le uscite dalla VM</translation>
    </message>
    <message>
        <source>CSR</source>
        <translation>CSR</translation>
    </message>
    <message>
        <source>Virtual (guest)</source>
        <translation>Virtuale (guest)</translation>
    </message>
    <message>
        <source>Real hart</source>
        <translation>Hart reale</translation>
    </message>
    <message>
        <source>VM exit reason</source>
        <translation>Motivo dell&apos;uscita dalla VM</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Mode %1: what the guest kernel sees (its virtual CPU) beside what the hardware holds.</source>
        <translation>Modo %1: ciò che vede il kernel guest (la sua CPU virtuale) accanto a ciò che contiene l&apos;hardware.</translation>
    </message>
    <message>
        <source>Native: the kernel owns the real CSRs; there is no virtual CPU. Choose a hypervisor mode in Scenario.</source>
        <translation>Nativo: il kernel possiede i CSR reali; non c&apos;è una CPU virtuale. Scegli un modo dell&apos;hypervisor in Scenario.</translation>
    </message>
</context>
<context>
    <name>vizor::views::TrapStackView</name>
    <message>
        <source>guest</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>hart</source>
        <translation>hart</translation>
    </message>
    <message>
        <source>Privilege</source>
        <translation>Privilegio</translation>
    </message>
    <message>
        <source>Resumes at</source>
        <translation>Riprende a</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Causa</translation>
    </message>
    <message>
        <source>Taken by, step</source>
        <translation>Presa da, passo</translation>
    </message>
    <message>
        <source>No trap in progress.</source>
        <translation>Nessuna trap in corso.</translation>
    </message>
    <message>
        <source>Last VM exit: %1 at %2, step %3</source>
        <translation>Ultima uscita dalla VM: %1 a %2, passo %3</translation>
    </message>
</context>
<context>
    <name>vizor::app::ConceptDocks</name>
    <message>
        <source>&amp;Concepts</source>
        <translation>&amp;Concetti</translation>
    </message>
    <message>
        <source>cgroup tree (this machine)</source>
        <translation>albero dei cgroup (questa macchina)</translation>
    </message>
    <message>
        <source>%1 (shipped scenario)</source>
        <translation>%1 (scenario incluso)</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::BalloonView</name>
    <message>
        <source>%1 free</source>
        <translation>%1 liberi</translation>
    </message>
    <message>
        <source>%1 host frames in use
balloon %2 pages (target %3)</source>
        <translation>%1 frame dell&apos;host in uso
balloon %2 pagine (obiettivo %3)</translation>
    </message>
    <message>
        <source>, %1 swapped out</source>
        <translation>, %1 spostati nello swap</translation>
    </message>
    <message>
        <source>Host: %1 frames</source>
        <translation>Host: %1 frame</translation>
    </message>
    <message>
        <source>Memory ballooning</source>
        <translation>Memory ballooning</translation>
    </message>
    <message>
        <source>Memory ballooning: each VM&apos;s frames and the host&apos;s pool</source>
        <translation>Memory ballooning: i frame di ogni VM e la riserva dell&apos;host</translation>
    </message>
    <message>
        <source>VM %1</source>
        <translation>VM %1</translation>
    </message>
    <message>
        <source>VM 0&apos;s frames</source>
        <translation>frame della VM 0</translation>
    </message>
    <message>
        <source>VM 1 grew
+%1 frames</source>
        <translation>la VM 1 è cresciuta
di %1 frame</translation>
    </message>
    <message>
        <source>VM 1&apos;s frames</source>
        <translation>frame della VM 1</translation>
    </message>
    <message>
        <source>deflating:
frames back
to VM 0</source>
        <translation>sgonfiaggio:
frame restituiti
alla VM 0</translation>
    </message>
    <message>
        <source>free host frame</source>
        <translation>frame libero dell&apos;host</translation>
    </message>
    <message>
        <source>host swapped</source>
        <translation>l&apos;host ha usato lo swap</translation>
    </message>
    <message>
        <source>in the balloon</source>
        <translation>nel balloon</translation>
    </message>
    <message>
        <source>inflating:
%1 frames
to the host</source>
        <translation>gonfiaggio:
%1 frame
all&apos;host</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::CgroupTreeView</name>
    <message>
        <source> (now)</source>
        <translation> (ora)</translation>
    </message>
    <message>
        <source>CPU share</source>
        <translation>quota di CPU</translation>
    </message>
    <message>
        <source>OOM kills %1</source>
        <translation>uccisioni OOM %1</translation>
    </message>
    <message>
        <source>cgroup tree</source>
        <translation>albero dei cgroup</translation>
    </message>
    <message>
        <source>cgroup tree: %1</source>
        <translation>albero dei cgroup: %1</translation>
    </message>
    <message>
        <source>group and limits</source>
        <translation>gruppo e limiti</translation>
    </message>
    <message>
        <source>host groups, tasks and usage</source>
        <translation>gruppi, task e consumi dell&apos;host</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>memoria</translation>
    </message>
    <message>
        <source>processes and events</source>
        <translation>processi ed eventi</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>task</translation>
    </message>
    <message>
        <source>the host model</source>
        <translation>il modello dell&apos;host</translation>
    </message>
    <message>
        <source>this machine: %1</source>
        <translation>questa macchina: %1</translation>
    </message>
    <message>
        <source>throttled %1×%2</source>
        <translation>limitato %1×%2</translation>
    </message>
    <message>
        <source>throttled, OOM kill, over the limit</source>
        <translation>limitato, uccisione OOM, oltre il limite</translation>
    </message>
    <message>
        <source>… and %1 more groups</source>
        <translation>… e altri %1 gruppi</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::ConceptExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>Export scale must be between 0 and 8, not %1</source>
        <translation>La scala di esportazione deve essere tra 0 e 8, non %1</translation>
    </message>
    <message>
        <source>Exported by Vizor</source>
        <translation>Esportato da Vizor</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::ConceptView</name>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>File %1 (*.%2)</translation>
    </message>
    <message>
        <source>Export as PDF...</source>
        <translation>Esporta come PDF...</translation>
    </message>
    <message>
        <source>Export as PNG at 2x...</source>
        <translation>Esporta come PNG a 2x...</translation>
    </message>
    <message>
        <source>Export as PNG...</source>
        <translation>Esporta come PNG...</translation>
    </message>
    <message>
        <source>Export as SVG...</source>
        <translation>Esporta come SVG...</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Esporta la vista</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::CyclesPlotView</name>
    <message>
        <source>Virtual cycles by mode and cause</source>
        <translation>Cicli virtuali per modalità e causa</translation>
    </message>
    <message>
        <source>direct execution</source>
        <translation>esecuzione diretta</translation>
    </message>
    <message>
        <source>emulation and interpretation</source>
        <translation>emulazione e interpretazione</translation>
    </message>
    <message>
        <source>execution mode</source>
        <translation>modalità di esecuzione</translation>
    </message>
    <message>
        <source>memory: walks, shadow, PTE updates</source>
        <translation>memoria: page walk, shadow, aggiornamenti delle PTE</translation>
    </message>
    <message>
        <source>translation, callouts, cache</source>
        <translation>traduzione, callout, cache</translation>
    </message>
    <message>
        <source>traps and world switches</source>
        <translation>trap e world switch</translation>
    </message>
    <message>
        <source>virtual cycles</source>
        <translation>cicli virtuali</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::ExitsPlotView</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>VM exits by reason over virtual time</source>
        <translation>VM exit per motivo nel tempo virtuale</translation>
    </message>
    <message>
        <source>exits per slice</source>
        <translation>exit per intervallo</translation>
    </message>
    <message>
        <source>virtual cycles</source>
        <translation>cicli virtuali</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::InstructionClassesView</name>
    <message>
        <source>%1   ran %2</source>
        <translation>%1   eseguita %2</translation>
    </message>
    <message>
        <source>%1   ran %2 · trapped %3</source>
        <translation>%1   eseguita %2 · trap %3</translation>
    </message>
    <message>
        <source>ISA: RISC-V with x86-style sensitive instructions (teaching variant). Sensitive ⊆ privileged does not hold: trap-and-emulate cannot see every sensitive instruction.</source>
        <translation>ISA: RISC-V con istruzioni sensibili alla x86 (variante didattica). Sensibili ⊆ privilegiate non vale: il trap-and-emulate non vede ogni istruzione sensibile.</translation>
    </message>
    <message>
        <source>ISA: RISC-V. Every sensitive instruction is privileged: sensitive ⊆ privileged holds, so trap-and-emulate works.</source>
        <translation>ISA: RISC-V. Ogni istruzione sensibile è privilegiata: sensibili ⊆ privilegiate vale, quindi il trap-and-emulate funziona.</translation>
    </message>
    <message>
        <source>Innocuous: run directly (%1)</source>
        <translation>Innocue: eseguite direttamente (%1)</translation>
    </message>
    <message>
        <source>Instruction classes (Popek–Goldberg)</source>
        <translation>Classi di istruzioni (Popek–Goldberg)</translation>
    </message>
    <message>
        <source>Sensitive and privileged: trap to the VMM (%1)</source>
        <translation>Sensibili e privilegiate: trap al VMM (%1)</translation>
    </message>
    <message>
        <source>Sensitive, not privileged: no trap (%1)</source>
        <translation>Sensibili, non privilegiate: nessuna trap (%1)</translation>
    </message>
    <message>
        <source>escapes the VMM</source>
        <translation>sfugge al VMM</translation>
    </message>
    <message>
        <source>none executed</source>
        <translation>nessuna eseguita</translation>
    </message>
    <message>
        <source>runs on the hardware</source>
        <translation>eseguita dall&apos;hardware</translation>
    </message>
    <message>
        <source>the VMM emulates it</source>
        <translation>il VMM la emula</translation>
    </message>
    <message>
        <source>… and %1 more forms</source>
        <translation>… e altre %1 forme</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::MemoryPlotView</name>
    <message>
        <source>Memory per VM over time</source>
        <translation>Memoria per VM nel tempo</translation>
    </message>
    <message>
        <source>VM %1: balloon pages</source>
        <translation>VM %1: pagine nel balloon</translation>
    </message>
    <message>
        <source>VM %1: host frames</source>
        <translation>VM %1: frame dell&apos;host</translation>
    </message>
    <message>
        <source>host frames (pages)</source>
        <translation>frame dell&apos;host (pagine)</translation>
    </message>
    <message>
        <source>host turn</source>
        <translation>turno dell&apos;host</translation>
    </message>
    <message>
        <source>host: free frames</source>
        <translation>host: frame liberi</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::PageWalkView</name>
    <message>
        <source>%1. %2
PTE at %3
= %4  %5</source>
        <translation>%1. %2
PTE a %3
= %4  %5</translation>
    </message>
    <message>
        <source>G-stage L%1</source>
        <translation>G-stage L%1</translation>
    </message>
    <message>
        <source>G-stage level 0</source>
        <translation>G-stage livello 0</translation>
    </message>
    <message>
        <source>G-stage level 1</source>
        <translation>G-stage livello 1</translation>
    </message>
    <message>
        <source>No walk yet: every translation so far hit the TLB.</source>
        <translation>Ancora nessun page walk: finora ogni traduzione ha trovato la TLB.</translation>
    </message>
    <message>
        <source>Page walk</source>
        <translation>Page walk</translation>
    </message>
    <message>
        <source>TLB and hardware walker</source>
        <translation>TLB e page walker hardware</translation>
    </message>
    <message>
        <source>TLB
miss: 2-D walk</source>
        <translation>TLB
miss: walk 2-D</translation>
    </message>
    <message>
        <source>TLB
miss: walk</source>
        <translation>TLB
miss: walk</translation>
    </message>
    <message>
        <source>The VMM&apos;s shadow paging: %1 hidden faults, %2 true faults, %3 syncs</source>
        <translation>Lo shadow paging del VMM: %1 fault nascosti, %2 fault veri, %3 sincronizzazioni</translation>
    </message>
    <message>
        <source>VPN[0] = %1
bits 21–12</source>
        <translation>VPN[0] = %1
bit 21–12</translation>
    </message>
    <message>
        <source>VPN[1] = %1
bits 31–22</source>
        <translation>VPN[1] = %1
bit 31–22</translation>
    </message>
    <message>
        <source>Virtual address
%1</source>
        <translation>Indirizzo virtuale
%1</translation>
    </message>
    <message>
        <source>Walk %1: %2 references</source>
        <translation>Walk %1: %2 riferimenti</translation>
    </message>
    <message>
        <source>Walk %1: nested paging, %2 references (Sv32 over Sv32x4: (2+1)(2+1)−1 = 8 on a cold walk)</source>
        <translation>Walk %1: nested paging, %2 riferimenti (Sv32 su Sv32x4: (2+1)(2+1)−1 = 8 a freddo)</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>fault</translation>
    </message>
    <message>
        <source>guest L%1</source>
        <translation>guest L%1</translation>
    </message>
    <message>
        <source>guest PTE read</source>
        <translation>lettura della PTE del guest</translation>
    </message>
    <message>
        <source>guest PTE write at %1: shadow resynced</source>
        <translation>scrittura di una PTE del guest a %1: shadow risincronizzata</translation>
    </message>
    <message>
        <source>guest level-0 table</source>
        <translation>tabella di livello 0 del guest</translation>
    </message>
    <message>
        <source>guest level-1 table
(from vsatp)</source>
        <translation>tabella di livello 1 del guest
(da vsatp)</translation>
    </message>
    <message>
        <source>hidden fault at %1: shadow entry filled</source>
        <translation>fault nascosto a %1: voce shadow riempita</translation>
    </message>
    <message>
        <source>offset = 0x%1
bits 11–0</source>
        <translation>offset = 0x%1
bit 11–0</translation>
    </message>
    <message>
        <source>page fault</source>
        <translation>page fault</translation>
    </message>
    <message>
        <source>physical
%1</source>
        <translation>fisico
%1</translation>
    </message>
    <message>
        <source>shadow L%1</source>
        <translation>shadow L%1</translation>
    </message>
    <message>
        <source>shadow flushed (satp write or sfence.vma)</source>
        <translation>shadow svuotata (scrittura di satp o sfence.vma)</translation>
    </message>
    <message>
        <source>the VMM&apos;s tables (shadow, G-stage)</source>
        <translation>le tabelle del VMM (shadow, G-stage)</translation>
    </message>
    <message>
        <source>the data page</source>
        <translation>la pagina dei dati</translation>
    </message>
    <message>
        <source>the guest&apos;s page table</source>
        <translation>la tabella delle pagine del guest</translation>
    </message>
    <message>
        <source>true fault at %1: reflected to the guest</source>
        <translation>fault vero a %1: riflesso al guest</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::PlotView</name>
    <message>
        <source>%1
x: %2  y: %3</source>
        <translation>%1
x: %2  y: %3</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::PopekGoldberg</name>
    <message>
        <source>innocuous</source>
        <translation>innocua</translation>
    </message>
    <message>
        <source>privileged, control-sensitive</source>
        <translation>privilegiata, sensibile al controllo</translation>
    </message>
    <message>
        <source>privileged, behaviour-sensitive</source>
        <translation>privilegiata, sensibile al comportamento</translation>
    </message>
    <message>
        <source>sensitive but not privileged</source>
        <translation>sensibile ma non privilegiata</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::TranslationCacheView</name>
    <message>
        <source>   (dropped: code written)</source>
        <translation>   (rimossa: codice scritto)</translation>
    </message>
    <message>
        <source>%1   was: %2   served %3×%4</source>
        <translation>%1   era: %2   servita %3×%4</translation>
    </message>
    <message>
        <source>%1  %2 instructions</source>
        <translation>%1  %2 istruzioni</translation>
    </message>
    <message>
        <source>%1  hits %2</source>
        <translation>%1  hit %2</translation>
    </message>
    <message>
        <source>%1  invalidated</source>
        <translation>%1  invalidato</translation>
    </message>
    <message>
        <source>%1 blocks translated · %2 hits · %3 misses · %4 chain follows · %5 invalidated · %6 callouts</source>
        <translation>%1 blocchi tradotti · %2 hit · %3 miss · %4 salti concatenati · %5 invalidati · %6 callout</translation>
    </message>
    <message>
        <source>%1 patch sites</source>
        <translation>%1 punti patchati</translation>
    </message>
    <message>
        <source>Binary patching</source>
        <translation>Binary patching</translation>
    </message>
    <message>
        <source>Guest kernel code (blocks)</source>
        <translation>Codice del kernel guest (blocchi)</translation>
    </message>
    <message>
        <source>Latest: %1 at %2</source>
        <translation>Ultimo: %1 a %2</translation>
    </message>
    <message>
        <source>Patched words in guest code (each now traps to the VMM, which runs the original instruction as a callout)</source>
        <translation>Parole patchate nel codice del guest (ognuna ora va in trap al VMM, che esegue l&apos;istruzione originale come callout)</translation>
    </message>
    <message>
        <source>Translation cache</source>
        <translation>Cache di traduzione</translation>
    </message>
    <message>
        <source>callout</source>
        <translation>callout</translation>
    </message>
    <message>
        <source>chain</source>
        <translation>concatenazione</translation>
    </message>
    <message>
        <source>guest code</source>
        <translation>codice del guest</translation>
    </message>
    <message>
        <source>handled by the VMM</source>
        <translation>gestito dal VMM</translation>
    </message>
    <message>
        <source>hit</source>
        <translation>hit</translation>
    </message>
    <message>
        <source>invalidated by a store to %1</source>
        <translation>invalidato da una scrittura a %1</translation>
    </message>
    <message>
        <source>invalidated or dropped</source>
        <translation>invalidato o rimosso</translation>
    </message>
    <message>
        <source>miss</source>
        <translation>miss</translation>
    </message>
    <message>
        <source>patch dropped: the guest wrote its code</source>
        <translation>patch rimossa: il guest ha scritto il suo codice</translation>
    </message>
    <message>
        <source>patch served by the VMM</source>
        <translation>patch servita dal VMM</translation>
    </message>
    <message>
        <source>patched</source>
        <translation>patchato</translation>
    </message>
    <message>
        <source>translated</source>
        <translation>tradotto</translation>
    </message>
    <message>
        <source>translated, runs directly</source>
        <translation>tradotto, eseguito direttamente</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::WorldSwitchView</name>
    <message>
        <source>#%1 at cycle %2: %3 → %4 (%5)</source>
        <translation>#%1 al ciclo %2: %3 → %4 (%5)</translation>
    </message>
    <message>
        <source>%1cause ← %2 (%3)</source>
        <translation>%1cause ← %2 (%3)</translation>
    </message>
    <message>
        <source>%1epc ← %2 (the interrupted instruction)</source>
        <translation>%1epc ← %2 (l&apos;istruzione interrotta)</translation>
    </message>
    <message>
        <source>%1status.%2IE ← %2PIE</source>
        <translation>%1status.%2IE ← %2PIE</translation>
    </message>
    <message>
        <source>%1status.%2PP ← %3, %2PIE ← %2IE, %2IE ← 0</source>
        <translation>%1status.%2PP ← %3, %2PIE ← %2IE, %2IE ← 0</translation>
    </message>
    <message>
        <source>%1tval ← %2</source>
        <translation>%1tval ← %2</translation>
    </message>
    <message>
        <source>Guest kernel</source>
        <translation>Kernel guest</translation>
    </message>
    <message>
        <source>Guest user</source>
        <translation>Utente guest</translation>
    </message>
    <message>
        <source>Host tasks</source>
        <translation>Task dell&apos;host</translation>
    </message>
    <message>
        <source>MMIO access</source>
        <translation>accesso MMIO</translation>
    </message>
    <message>
        <source>No transitions yet: run the guest.</source>
        <translation>Ancora nessuna transizione: esegui il guest.</translation>
    </message>
    <message>
        <source>SBI call</source>
        <translation>chiamata SBI</translation>
    </message>
    <message>
        <source>SBI call: extension %1, function %2</source>
        <translation>chiamata SBI: estensione %1, funzione %2</translation>
    </message>
    <message>
        <source>Transitions %1–%2 of %3, oldest on the left, at virtual cycles %4–%5</source>
        <translation>Transizioni %1–%2 di %3, le più vecchie a sinistra, ai cicli virtuali %4–%5</translation>
    </message>
    <message>
        <source>VMM / firmware</source>
        <translation>VMM / firmware</translation>
    </message>
    <message>
        <source>World and context switches</source>
        <translation>World switch e context switch</translation>
    </message>
    <message>
        <source>caught: %1 (tval %2)</source>
        <translation>intercettata: %1 (tval %2)</translation>
    </message>
    <message>
        <source>ecall</source>
        <translation>ecall</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>exit</translation>
    </message>
    <message>
        <source>exit reason: %1, detail %2</source>
        <translation>motivo dell&apos;exit: %1, dettaglio %2</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>fault</translation>
    </message>
    <message>
        <source>guest exception</source>
        <translation>eccezione del guest</translation>
    </message>
    <message>
        <source>hcall</source>
        <translation>hcall</translation>
    </message>
    <message>
        <source>hidden page fault</source>
        <translation>page fault nascosto</translation>
    </message>
    <message>
        <source>hypercall</source>
        <translation>hypercall</translation>
    </message>
    <message>
        <source>illegal</source>
        <translation>illegale</translation>
    </message>
    <message>
        <source>in its own trap handler (virtual S)</source>
        <translation>nel proprio gestore delle trap (S virtuale)</translation>
    </message>
    <message>
        <source>irq</source>
        <translation>irq</translation>
    </message>
    <message>
        <source>mret</source>
        <translation>mret</translation>
    </message>
    <message>
        <source>page-table write</source>
        <translation>scrittura della tabella delle pagine</translation>
    </message>
    <message>
        <source>pc ← %1epc</source>
        <translation>pc ← %1epc</translation>
    </message>
    <message>
        <source>pc ← %1tvec, privilege ← %2</source>
        <translation>pc ← %1tvec, privilegio ← %2</translation>
    </message>
    <message>
        <source>pid %1→%2</source>
        <translation>pid %1→%2</translation>
    </message>
    <message>
        <source>privilege ← %1status.%2PP = %3</source>
        <translation>privilegio ← %1status.%2PP = %3</translation>
    </message>
    <message>
        <source>privileged instruction</source>
        <translation>istruzione privilegiata</translation>
    </message>
    <message>
        <source>reason %1</source>
        <translation>motivo %1</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>ripresa</translation>
    </message>
    <message>
        <source>sbi</source>
        <translation>sbi</translation>
    </message>
    <message>
        <source>solid arrow: trap or exit, dashed: return</source>
        <translation>freccia piena: trap o exit, tratteggiata: ritorno</translation>
    </message>
    <message>
        <source>sret</source>
        <translation>sret</translation>
    </message>
    <message>
        <source>the next task&apos;s registers and pc are loaded from its PCB (pid %1)</source>
        <translation>registri e pc del task successivo caricati dal suo PCB (pid %1)</translation>
    </message>
    <message>
        <source>the running task&apos;s registers and pc are saved in its PCB (pid %1)</source>
        <translation>registri e pc del task in esecuzione salvati nel suo PCB (pid %1)</translation>
    </message>
    <message>
        <source>timer interrupt</source>
        <translation>interrupt del timer</translation>
    </message>
    <message>
        <source>trap</source>
        <translation>trap</translation>
    </message>
    <message>
        <source>virtual trap into the guest: vsepc ← guest pc, vscause ← %1 (%2), vstval ← %3, pc ← guest stvec</source>
        <translation>trap virtuale nel guest: vsepc ← pc del guest, vscause ← %1 (%2), vstval ← %3, pc ← stvec del guest</translation>
    </message>
    <message>
        <source>world switch back: the guest resumes from its vCPU state</source>
        <translation>world switch di ritorno: il guest riprende dallo stato della sua vCPU</translation>
    </message>
    <message>
        <source>world switch: the VMM takes the hart; the guest&apos;s pc %1 and registers x1–x31 stay as its vCPU state</source>
        <translation>world switch: il VMM prende l&apos;hart; il pc %1 e i registri x1–x31 del guest restano come stato della sua vCPU</translation>
    </message>
    <message>
        <source>priv</source>
        <translation>priv</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>nascosto</translation>
    </message>
    <message>
        <source>pte</source>
        <translation>pte</translation>
    </message>
    <message>
        <source>timer</source>
        <translation>timer</translation>
    </message>
    <message>
        <source>mmio</source>
        <translation>mmio</translation>
    </message>
    <message>
        <source>instruction: %1 (%2)</source>
        <translation>istruzione: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>vizor::views::LessonPanel</name>
    <message>
        <source>Check my answer</source>
        <translation>Verifica la risposta</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Indietro</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Avanti</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Passo %1 di %2</translation>
    </message>
    <message>
        <source>Predict what happens next:</source>
        <translation>Prevedi cosa succederà:</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>Esatto.</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>Non proprio.</translation>
    </message>
    <message>
        <source>The engine is running this step…</source>
        <translation>Il motore sta eseguendo questo passo…</translation>
    </message>
</context>
<context>
    <name>vizor::app::LessonPlayer</name>
    <message>
        <source>Lesson</source>
        <translation>Lezione</translation>
    </message>
    <message>
        <source>Open &amp;Lesson…</source>
        <translation>Apri &amp;lezione…</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>Apri lezione</translation>
    </message>
    <message>
        <source>Lessons (*.lesson)</source>
        <translation>Lezioni (*.lesson)</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::MigrationView</name>
    <message>
        <source> (%L1 pages/s)</source>
        <translation> (%L1 pagine/s)</translation>
    </message>
    <message>
        <source> · %1 ms</source>
        <translation> · %1 ms</translation>
    </message>
    <message>
        <source> · VM paused</source>
        <translation> · VM in pausa</translation>
    </message>
    <message>
        <source> · dirtied %L1</source>
        <translation> · sporcate %L1</translation>
    </message>
    <message>
        <source> · pre-copy ended: %1</source>
        <translation> · pre-copia finita: %1</translation>
    </message>
    <message>
        <source>%L1 pages in the VM · one cell = %L2 pages%3</source>
        <translation>%L1 pagine nella VM · una cella = %L2 pagine%3</translation>
    </message>
    <message>
        <source>dirtied again: resent next round</source>
        <translation>sporcate di nuovo: rispedite al giro dopo</translation>
    </message>
    <message>
        <source>downtime: %1 ms of %2 ms in all, %L3 pages sent with the VM paused</source>
        <translation>downtime: %1 ms su %2 ms in tutto, %L3 pagine spedite con la VM in pausa</translation>
    </message>
    <message>
        <source>empty cells: already at the destination</source>
        <translation>celle vuote: già a destinazione</translation>
    </message>
    <message>
        <source>live migration</source>
        <translation>migrazione a caldo</translation>
    </message>
    <message>
        <source>live migration: pre-copy rounds, then stop-and-copy</source>
        <translation>migrazione a caldo: giri di pre-copia, poi stop-and-copy</translation>
    </message>
    <message>
        <source>round %1</source>
        <translation>giro %1</translation>
    </message>
    <message>
        <source>sent %L1</source>
        <translation>spedite %L1</translation>
    </message>
    <message>
        <source>sent on the link</source>
        <translation>spedite sul collegamento</translation>
    </message>
    <message>
        <source>stop-and-copy</source>
        <translation>stop-and-copy</translation>
    </message>
    <message>
        <source>stop-and-copy: the VM is paused</source>
        <translation>stop-and-copy: la VM è in pausa</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::ConsolidationView</name>
    <message>
        <source>%1: %2 of %3 hosts on, mean CPU use %4%%5</source>
        <translation>%1: %2 host accesi su %3, uso medio della CPU %4%%5</translation>
    </message>
    <message>
        <source>, over capacity</source>
        <translation>, oltre la capacità</translation>
    </message>
    <message>
        <source>VM: its peak CPU</source>
        <translation>VM: il suo picco di CPU</translation>
    </message>
    <message>
        <source>after</source>
        <translation>dopo</translation>
    </message>
    <message>
        <source>before</source>
        <translation>prima</translation>
    </message>
    <message>
        <source>consolidation</source>
        <translation>consolidamento</translation>
    </message>
    <message>
        <source>consolidation: %1, policy %2</source>
        <translation>consolidamento: %1, politica %2</translation>
    </message>
    <message>
        <source>host&apos;s busiest sample</source>
        <translation>il campione più carico dell&apos;host</translation>
    </message>
    <message>
        <source>host: CPU capacity (dashed: off); number = VMs</source>
        <translation>host: capacità di CPU (tratteggiato: spento); numero = VM</translation>
    </message>
    <message>
        <source>off</source>
        <translation>spento</translation>
    </message>
    <message>
        <source>peaks stack past the top</source>
        <translation>i picchi impilati superano la cima</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::StorageView</name>
    <message>
        <source>%L1 of %L2 grains of %3 KiB allocated (%L4 KiB of %L5 MiB), %6 grain tables</source>
        <translation>%L1 grain su %L2 da %3 KiB allocati (%L4 KiB su %L5 MiB), %6 tabelle dei grain</translation>
    </message>
    <message>
        <source>empty cells: never written, no space in the image</source>
        <translation>celle vuote: mai scritte, nessuno spazio nell&apos;immagine</translation>
    </message>
    <message>
        <source>grain allocated by a guest write</source>
        <translation>grain allocato da una scrittura del guest</translation>
    </message>
    <message>
        <source>thin disk</source>
        <translation>disco thin</translation>
    </message>
    <message>
        <source>thin disk: %1</source>
        <translation>disco thin: %1</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::DirtyPagesPlotView</name>
    <message>
        <source>Live migration: dirty pages per round</source>
        <translation>Migrazione a caldo: pagine sporcate per giro</translation>
    </message>
    <message>
        <source>pages (log scale)</source>
        <translation>pagine (scala logaritmica)</translation>
    </message>
    <message>
        <source>pages dirtied while it was on the link</source>
        <translation>pagine sporcate mentre era sul collegamento</translation>
    </message>
    <message>
        <source>pages sent in the round</source>
        <translation>pagine spedite nel giro</translation>
    </message>
    <message>
        <source>pre-copy stops below %1 dirty pages</source>
        <translation>la pre-copia si ferma sotto %1 pagine sporche</translation>
    </message>
    <message>
        <source>round</source>
        <translation>giro</translation>
    </message>
    <message>
        <source>stop-and-copy: sent with the VM paused</source>
        <translation>stop-and-copy: spedite con la VM in pausa</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::CpuSharePlotView</name>
    <message>
        <source>%1: %2 %</source>
        <translation>%1: %2 %</translation>
    </message>
    <message>
        <source>CPU share per cgroup over time</source>
        <translation>Quota di CPU per cgroup nel tempo</translation>
    </message>
    <message>
        <source>cpu.max throttled (%1)</source>
        <translation>limitato da cpu.max (%1)</translation>
    </message>
    <message>
        <source>idle task</source>
        <translation>task idle</translation>
    </message>
    <message>
        <source>share of the CPU (%)</source>
        <translation>quota della CPU (%)</translation>
    </message>
    <message>
        <source>virtual time (ms)</source>
        <translation>tempo virtuale (ms)</translation>
    </message>
</context>
<context>
    <name>vizor::views::concepts::SplitDriverView</name>
    <message>
        <source>Split driver: the virtio console</source>
        <translation>Driver diviso: la console virtio</translation>
    </message>
    <message>
        <source>the driver kicked the device: avail.idx = %1, the device has seen %2</source>
        <translation>il driver ha fatto il kick del dispositivo: avail.idx = %1, il dispositivo ne ha visti %2</translation>
    </message>
    <message>
        <source>the back end popped avail.ring[%1] = descriptor %2</source>
        <translation>il back end ha prelevato avail.ring[%1] = descrittore %2</translation>
    </message>
    <message>
        <source>the back end read descriptor %1: %2 bytes at %3</source>
        <translation>il back end ha letto il descrittore %1: %2 byte a %3</translation>
    </message>
    <message>
        <source>the device printed %1 bytes</source>
        <translation>il dispositivo ha stampato %1 byte</translation>
    </message>
    <message>
        <source>the back end wrote used.ring[%1] = {id %2, len %3}, then used.idx = %4</source>
        <translation>il back end ha scritto used.ring[%1] = {id %2, len %3}, poi used.idx = %4</translation>
    </message>
    <message>
        <source>used-buffer notification: InterruptStatus = %1</source>
        <translation>notifica di buffer usato: InterruptStatus = %1</translation>
    </message>
    <message>
        <source>the driver acknowledged the interrupt (InterruptACK = %1)</source>
        <translation>il driver ha confermato l&apos;interrupt (InterruptACK = %1)</translation>
    </message>
    <message>
        <source>Front end
guest kernel driver (console.s)</source>
        <translation>Front end
driver del kernel guest (console.s)</translation>
    </message>
    <message>
        <source>Back end
VMM (VirtioConsole)</source>
        <translation>Back end
Hypervisor (VirtioConsole)</translation>
    </message>
    <message>
        <source>Device
console, out to the UART</source>
        <translation>Dispositivo
console, verso la UART</translation>
    </message>
    <message>
        <source>1  kick (CONSOLE_KICK), avail.idx = %1</source>
        <translation>1  kick (CONSOLE_KICK), avail.idx = %1</translation>
    </message>
    <message>
        <source>6  notification: InterruptStatus = %1
(the driver polls used.idx)</source>
        <translation>6  notifica: InterruptStatus = %1
(il driver interroga used.idx)</translation>
    </message>
    <message>
        <source>4  %1 bytes</source>
        <translation>4  %1 byte</translation>
    </message>
    <message>
        <source>Descriptor table</source>
        <translation>Tabella dei descrittori</translation>
    </message>
    <message>
        <source>written by the driver, read by the device</source>
        <translation>scritta dal driver, letta dal dispositivo</translation>
    </message>
    <message>
        <source>%1   addr %2   len %3   %4</source>
        <translation>%1   addr %2   len %3   %4</translation>
    </message>
    <message>
        <source>NEXT</source>
        <translation>NEXT</translation>
    </message>
    <message>
        <source>device reads</source>
        <translation>da leggere</translation>
    </message>
    <message>
        <source>%1   (never handed over)</source>
        <translation>%1   (mai consegnato)</translation>
    </message>
    <message>
        <source>Used ring</source>
        <translation>Anello used</translation>
    </message>
    <message>
        <source>Available ring</source>
        <translation>Anello available</translation>
    </message>
    <message>
        <source>used.idx = %1</source>
        <translation>used.idx = %1</translation>
    </message>
    <message>
        <source>avail.idx = %1   last_avail = %2</source>
        <translation>avail.idx = %1   last_avail = %2</translation>
    </message>
    <message>
        <source>[%1]   —</source>
        <translation>[%1]   —</translation>
    </message>
    <message>
        <source>[%1]   id %2   len %3</source>
        <translation>[%1]   id %2   len %3</translation>
    </message>
    <message>
        <source>[%1]   descriptor %2</source>
        <translation>[%1]   descrittore %2</translation>
    </message>
    <message>
        <source>Device output</source>
        <translation>Uscita del dispositivo</translation>
    </message>
    <message>
        <source>%1 buffers, %2 bytes</source>
        <translation>%1 buffer, %2 byte</translation>
    </message>
    <message>
        <source>the transmit virtqueue in guest memory: %1 entries, shared by driver and device</source>
        <translation>la virtqueue di trasmissione nella memoria del guest: %1 elementi, condivisi da driver e dispositivo</translation>
    </message>
    <message>
        <source>3  read desc %1</source>
        <translation>3  legge desc %1</translation>
    </message>
    <message>
        <source>2  pop [%1]</source>
        <translation>2  preleva [%1]</translation>
    </message>
    <message>
        <source>5  publish used [%1]</source>
        <translation>5  pubblica used [%1]</translation>
    </message>
    <message>
        <source>%1 kicks · %2 buffers served · %3 used-buffer notifications · %4 acknowledged</source>
        <translation>%1 kick · %2 buffer serviti · %3 notifiche di buffer usato · %4 confermate</translation>
    </message>
    <message>
        <source>No virtqueue activity yet. The split driver runs under pv: the PARAVIRT kernel&apos;s console is a virtio front end whose back end is in the VMM.</source>
        <translation>Ancora nessuna attività sulla virtqueue. Il driver diviso lavora in modalità pv: la console del kernel PARAVIRT è un front end virtio il cui back end sta nell&apos;Hypervisor.</translation>
    </message>
    <message>
        <source>Latest: %1</source>
        <translation>Ultimo: %1</translation>
    </message>
    <message>
        <source>guest driver and what it wrote</source>
        <translation>driver del guest e ciò che scrive</translation>
    </message>
    <message>
        <source>VMM back end and what it wrote</source>
        <translation>back end dell&apos;Hypervisor e ciò che scrive</translation>
    </message>
    <message>
        <source>device and notification</source>
        <translation>dispositivo e notifica</translation>
    </message>
    <message>
        <source>dashed grey: not reached by this request yet</source>
        <translation>tratteggiato: non ancora fatto per questa richiesta</translation>
    </message>
</context>
</TS>
