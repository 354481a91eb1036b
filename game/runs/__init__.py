"""Many games at once, above the bots: batches of bot games in lockstep (batch), `plaza simulate`'s summaries
(simulate) and the debrief's "your game among N simulated games" (comparison)."""
