"""Many games at once, above the bots: batches of bot games in lockstep (batch), `plaza simulate`'s summaries
(simulate), the debrief's "your game among N simulated games" (comparison), and logged games replayed, alone or in
lockstep, with one choice made differently (whatif: the class report's and the projector's what-if)."""
