# proc.s - processes: the PCB table, the scheduler, system calls, the critical section.
# (Part of the kernel source: privops.inc + kernel.s + proc.s + vm.s + console.s + ...)
.text

# proc_init: one process per PCB, all running the user image (ulib.s + the workload),
# each in its own address space, each with its own kernel stack.
proc_init:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    li s0, 0
proc_init_next:
    mv a0, s0
    call proc_create
    addi s0, s0, 1
    li t0, NPROC
    blt s0, t0, proc_init_next
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# proc_create(a0 = index): pid = index + 1.
proc_create:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    la s1, pcbs
    li t0, PCB_SIZE
    mul t0, t0, s0
    add s1, s1, t0              # s1 = the PCB
    addi t0, s0, 1
    sw t0, PCB_PID(s1)
    call as_create              # a0 = root page table with the kernel mapped
    sw a0, PCB_ROOT(s1)
    srli t0, a0, 12
    li t1, SATP_SV32
    or t0, t0, t1
    sw t0, PCB_SATP(s1)
    call as_load_image          # a0 = root: the program at USER_TEXT
    li t0, KSTACK_SIZE          # the kernel stack: a trap frame that "returns" to the
    addi t1, s0, 1              # program's first instruction in U-mode, below it the
    mul t0, t0, t1              # context swtch will pop, with ra = trap_return
    li t1, KSTACK_BASE
    add t0, t0, t1
    addi t0, t0, -FRAME         # t0 = the trap frame
    la t1, user_entry
    la t2, user_image_start
    sub t1, t1, t2
    li t2, USER_TEXT
    add t1, t1, t2
    sw t1, TF_SEPC(t0)
    li t1, SSTATUS_SPIE         # SPP = U, interrupts on after sret
    sw t1, TF_SSTATUS(t0)
    li t1, STACK_TOP
    sw t1, TF_SP(t0)
    addi t0, t0, -CONTEXT
    la t1, trap_return
    sw t1, 0(t0)
    sw t0, PCB_CONTEXT(s1)
    li t0, P_RUNNABLE
    sw t0, PCB_STATE(s1)
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# current_pcb() -> a0 = the running process's PCB.
current_pcb:
    la t0, current
    lw t0, 0(t0)
    li t1, PCB_SIZE
    mul t0, t0, t1
    la a0, pcbs
    add a0, a0, t0
    ret

# swtch(a0 = where to save this context's sp, a1 = the context to resume).
# Saves the callee-saved registers on this kernel stack and continues on the other one:
# the caller "returns" from swtch when another swtch resumes this context.
swtch:
    addi sp, sp, -CONTEXT
    sw ra, 0(sp)
    sw s0, 4(sp)
    sw s1, 8(sp)
    sw s2, 12(sp)
    sw s3, 16(sp)
    sw s4, 20(sp)
    sw s5, 24(sp)
    sw s6, 28(sp)
    sw s7, 32(sp)
    sw s8, 36(sp)
    sw s9, 40(sp)
    sw s10, 44(sp)
    sw s11, 48(sp)
    sw sp, 0(a0)
    mv sp, a1
    lw ra, 0(sp)
    lw s0, 4(sp)
    lw s1, 8(sp)
    lw s2, 12(sp)
    lw s3, 16(sp)
    lw s4, 20(sp)
    lw s5, 24(sp)
    lw s6, 28(sp)
    lw s7, 32(sp)
    lw s8, 36(sp)
    lw s9, 40(sp)
    lw s10, 44(sp)
    lw s11, 48(sp)
    addi sp, sp, CONTEXT
    ret

# yield_cpu: the running process goes to the back of the queue.
yield_cpu:
    addi sp, sp, -16
    sw ra, 12(sp)
    call current_pcb
    li t0, P_RUNNABLE
    sw t0, PCB_STATE(a0)
    call schedule
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# schedule: round robin. Runs the next RUNNABLE process after the current one (the
# current one last), whose state the caller has already changed. Returns when this
# process is chosen again. Interrupts are off whenever the kernel calls it.
schedule:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
schedule_again:
    la t0, current
    lw s0, 0(t0)                # s0 = current index
    li t1, 1                    # t1 = k, candidates current+1 ... current+NPROC
schedule_scan:
    add t2, s0, t1
    li t3, NPROC
    remu t2, t2, t3             # t2 = candidate index
    li t3, PCB_SIZE
    mul t3, t3, t2
    la s1, pcbs
    add s1, s1, t3              # s1 = candidate PCB
    lw t3, PCB_STATE(s1)
    li t4, P_RUNNABLE
    beq t3, t4, schedule_found
    addi t1, t1, 1
    li t3, NPROC
    ble t1, t3, schedule_scan
    call any_alive              # nobody runnable: finished, or wait for an interrupt
    beqz a0, kernel_finish
    li t0, SSTATUS_SIE
    RESTORE_IRQ t0
    IDLE_WAIT
    DISABLE_IRQ t0
    j schedule_again
schedule_found:
    li t3, P_RUNNING
    sw t3, PCB_STATE(s1)
    mv s0, t2
    call timer_arm              # a whole slice from now: however long switching takes,
    mv t2, s0                   # the process gets to run (no livelock on a fast timer)
    la t0, current
    lw s0, 0(t0)
    beq t2, s0, schedule_done   # the same process again: nothing to switch
    la t0, current
    sw t2, 0(t0)
    lw t3, PCB_SATP(s1)
    SET_SATP t3                 # its address space (the kernel is mapped in all)
    li t3, PCB_SIZE
    mul t3, t3, s0
    la a0, pcbs
    add a0, a0, t3
    addi a0, a0, PCB_CONTEXT
    lw a1, PCB_CONTEXT(s1)
    call swtch
schedule_done:
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# any_alive() -> a0 = 1 if some process has not exited.
any_alive:
    la t0, pcbs
    li t1, NPROC
    li a0, 0
any_alive_loop:
    lw t2, PCB_STATE(t0)
    li t3, P_EXITED
    beq t2, t3, any_alive_next
    li a0, 1
any_alive_next:
    addi t0, t0, PCB_SIZE
    addi t1, t1, -1
    bnez t1, any_alive_loop
    ret

# ---------------------------------------------------------------- the console turn
# Processes take turns on the console, one write at a time, in pid order. So the output
# does not depend on where the timer interrupts fall: the same transcript on every
# machine and in every execution mode, however slow or fast.

# console_acquire: wait (blocked) until it is this process's turn.
console_acquire:
    addi sp, sp, -16
    sw ra, 12(sp)
console_acquire_check:
    la t0, console_turn
    lw t0, 0(t0)
    la t1, current
    lw t1, 0(t1)
    beq t0, t1, console_acquire_done
    call current_pcb
    li t0, P_BLOCKED
    sw t0, PCB_STATE(a0)
    call schedule
    j console_acquire_check
console_acquire_done:
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# console_release: the turn goes to the next process that has not exited (and wakes it).
console_release:
    la t0, console_turn
    lw t1, 0(t0)                # t1 = holder index
    li t2, 1
console_release_scan:
    add t3, t1, t2
    li t4, NPROC
    remu t3, t3, t4             # t3 = candidate index
    li t4, PCB_SIZE
    mul t4, t4, t3
    la t5, pcbs
    add t5, t5, t4
    lw t4, PCB_STATE(t5)
    li t6, P_EXITED
    bne t4, t6, console_release_found
    addi t2, t2, 1
    li t4, NPROC
    ble t2, t4, console_release_scan
    ret                         # everybody has exited
console_release_found:
    sw t3, 0(t0)
    li t6, P_BLOCKED
    bne t4, t6, console_release_done
    li t6, P_RUNNABLE
    sw t6, PCB_STATE(t5)
console_release_done:
    ret

# ---------------------------------------------------------------- system calls
# syscall(a0 = trap frame): a7 = number, a0.. = arguments, result in a0.
syscall:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    mv s0, a0
    call current_pcb
    lw t0, PCB_SYSCALLS(a0)
    addi t0, t0, 1
    sw t0, PCB_SYSCALLS(a0)
    lw t0, TF_SEPC(s0)          # return after the ecall (before anything blocks)
    addi t0, t0, 4
    sw t0, TF_SEPC(s0)
    lw t0, TF_A7(s0)
    lw a0, TF_A0(s0)
    lw a1, TF_A1(s0)
    lw a2, TF_A2(s0)
    li t1, SYS_WRITE
    beq t0, t1, syscall_write
    li t1, SYS_GETPID
    beq t0, t1, syscall_getpid
    li t1, SYS_SCHED_YIELD
    beq t0, t1, syscall_yield
    li t1, SYS_EXIT
    beq t0, t1, syscall_exit
    li t1, SYS_MMAP
    beq t0, t1, syscall_mmap
    li t1, SYS_MUNMAP
    beq t0, t1, syscall_munmap
    li t1, SYS_VIZOR_COUNT
    beq t0, t1, syscall_count
.ifdef BLOCK
    li t1, SYS_VIZOR_BLK_WRITE
    beq t0, t1, syscall_blk_write   # blk.s
.endif
    li a0, -ENOSYS
    j syscall_done
syscall_write:
    call sys_write
    j syscall_done
syscall_getpid:
    call current_pcb
    lw a0, PCB_PID(a0)
    j syscall_done
syscall_yield:
    call yield_cpu
    li a0, 0
    j syscall_done
syscall_exit:
    call proc_exit
syscall_mmap:
    call sys_mmap
    j syscall_done
syscall_munmap:
    call sys_munmap
    j syscall_done
syscall_count:
    call sys_count
syscall_done:
    sw a0, TF_A0(s0)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# sys_write(a0 = fd, a1 = user buffer, a2 = length) -> length, or -EFAULT.
sys_write:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    sw s2, 0(sp)
    mv s0, a1                   # next user address
    add s1, a1, a2              # end
    mv s2, a2
    call console_acquire
sys_write_next:
    bgeu s0, s1, sys_write_done
    call current_pcb
    lw a0, PCB_ROOT(a0)
    mv a1, s0
    call user_translate         # a0 = physical address, or 0
    beqz a0, sys_write_fault
    lbu a0, 0(a0)
    call kputc
    addi s0, s0, 1
    j sys_write_next
sys_write_fault:
    li s2, -EFAULT
sys_write_done:
    call console_flush
    call console_release
    mv a0, s2
    lw s2, 0(sp)
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# proc_kill(a0 = message, a1 = value to show): print "pid N: message value", exit -1.
proc_kill:
    mv s0, a0
    mv s1, a1
    call console_acquire
    call current_pcb
    lw a0, PCB_PID(a0)
    call kput_pid
    mv a0, s0
    call kputs
    mv a0, s1
    call kput_hex
    li a0, '\n'
    call kputc
    li a0, -1
# proc_exit(a0 = exit code): never returns.
proc_exit:
    mv s0, a0
    call console_acquire
    call current_pcb
    mv s1, a0
    sw s0, PCB_EXIT_CODE(s1)
    lw a0, PCB_PID(s1)
    call kput_pid
    la a0, msg_exited
    call kputs
    mv a0, s0
    call kput_dec
    li a0, '\n'
    call kputc
    call console_flush
    lw a0, PCB_ROOT(s1)
    call as_free_user           # its pages go back to the frame pool
    li t0, P_EXITED
    sw t0, PCB_STATE(s1)
    call console_release
    call schedule               # never comes back: nobody schedules an exited process

# ---------------------------------------------------------------- the critical section
# sys_count(a0 = n): n increments of a counter shared by all processes. The kernel
# runs this with interrupts enabled, so a timer interrupt may switch to another process
# between increments; each read-modify-write is made atomic by disabling interrupts,
# and its window is made long on purpose. If disabling interrupts silently does
# nothing, another process increments the counter inside the window and updates are lost.
sys_count:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    la t0, counter_expected
    lw t1, 0(t0)
    add t1, t1, s0
    sw t1, 0(t0)
    li t0, SSTATUS_SIE
    RESTORE_IRQ t0              # the kernel becomes preemptible here
    beqz s0, sys_count_done
sys_count_next:
    DISABLE_IRQ s1
    la t0, counter
    lw t1, 0(t0)                # read ...
    li t2, COUNT_WINDOW
sys_count_window:
    addi t2, t2, -1             # ... take a while ...
    bnez t2, sys_count_window
    addi t1, t1, 1
    sw t1, 0(t0)                # ... write back
    RESTORE_IRQ s1
    addi s0, s0, -1
    bnez s0, sys_count_next
sys_count_done:
    DISABLE_IRQ t0
    li a0, 0
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# kernel_finish: every process has exited. A summary, the counter check, power off.
kernel_finish:
    la a0, msg_all_exited
    call kputs
    la s0, pcbs
    li s1, NPROC
kernel_finish_pcb:
    lw a0, PCB_PID(s0)
    call kput_pid
    la a0, msg_sum_exit
    call kputs
    lw a0, PCB_EXIT_CODE(s0)
    call kput_dec
    la a0, msg_sum_syscalls
    call kputs
    lw a0, PCB_SYSCALLS(s0)
    call kput_dec
    la a0, msg_sum_faults
    call kputs
    lw a0, PCB_FAULTS(s0)
    call kput_dec
    li a0, '\n'
    call kputc
    addi s0, s0, PCB_SIZE
    addi s1, s1, -1
    bnez s1, kernel_finish_pcb
    la a0, msg_frames           # what is left: page tables only, user pages were freed
    call kputs
    la t0, frames_in_use
    lw a0, 0(t0)
    call kput_dec
    li a0, '\n'
    call kputc
    la t0, counter
    lw t0, 0(t0)
    la t1, counter_expected
    lw t1, 0(t1)
    sub s0, t1, t0              # s0 = lost updates
    bnez s0, kernel_finish_broken
    la a0, msg_cs_ok
    call kputs
    la t0, counter
    lw a0, 0(t0)
    call kput_dec
    la a0, msg_cs_ok_end
    call kputs
    j kernel_finish_off
kernel_finish_broken:
    la a0, msg_cs_broken
    call kputs
    mv a0, s0
    call kput_dec
    la a0, msg_cs_broken_end
    call kputs
kernel_finish_off:
    la a0, msg_poweroff
    call kputs
    li a0, 0
    j sbi_system_reset

.data
.align 2
current:          .word 0       # index of the running process
console_turn:     .word 0       # index of the process whose write is next
boot_context:     .word 0       # where swtch parks the boot stack, never resumed
ticks:            .word 0       # timer interrupts taken (timing-dependent: not printed)
counter:          .word 0       # the shared counter of the critical section
counter_expected: .word 0
pcbs:             .space PCB_SIZE * NPROC

.section .rodata
msg_boot:           .asciz "vizor kernel: booting, 3 processes\n"
msg_selfcheck_ok:   .asciz "SELFCHECK OK: running in S-mode\n"
msg_selfcheck_fail: .asciz "SELFCHECK FAIL: not in S-mode\n"
msg_fw_trap:        .asciz "firmware: unexpected trap\n"
msg_panic:          .asciz "kernel panic: scause="
msg_panic_sepc:     .asciz " sepc="
msg_panic_stval:    .asciz " stval="
msg_killed_trap:    .asciz ": killed, scause="
msg_killed_fault:   .asciz ": killed, segmentation fault at "
msg_exited:         .asciz ": exited with code "
msg_all_exited:     .asciz "kernel: all processes exited\n"
msg_sum_exit:       .asciz ": exit "
msg_sum_syscalls:   .asciz ", system calls "
msg_sum_faults:     .asciz ", demand-paging faults "
msg_frames:         .asciz "kernel: page frames in use (page tables): "
msg_cs_ok:          .asciz "CRITICAL SECTION OK: counter = "
msg_cs_ok_end:      .asciz "\n"
msg_cs_broken:      .asciz "CRITICAL SECTION BROKEN: lost "
msg_cs_broken_end:  .asciz " updates\n"
msg_poweroff:       .asciz "kernel: power off\n"
