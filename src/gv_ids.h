/*
 * gv_ids.h: the id discipline every cgraph graph of ours is opened with. cgraph's default makes a
 * named object's id the address of its interned name and orders subgraphs by id, so cluster
 * order, and with it the layout, would follow malloc's choices. This discipline numbers objects in
 * creation order and keeps their names itself: the same definition always gives the same picture.
 */
#ifndef ASLDOT_GV_IDS_H
#define ASLDOT_GV_IDS_H

struct Agdisc_s;
struct Agraph_s;

/** Returns the discipline to pass to agopen. Borrowed, immutable, valid for the process. */
struct Agdisc_s *asldot_gv_ids_disc(void);
/** Returns 1 when an object of g (opened with the discipline) could not get its id for lack of
 * memory: cgraph then falls back to its own ids, so the graph looks complete but is not ours. */
int asldot_gv_ids_failed(struct Agraph_s *g);

#endif
